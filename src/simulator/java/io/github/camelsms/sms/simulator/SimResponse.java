package io.github.camelsms.sms.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer a simulated provider gives.
 */
record SimResponse(int status, Map<String, String> headers, byte[] body) {

    static SimResponse json(int status, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new SimResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }
}
