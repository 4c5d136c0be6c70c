package io.github.camelsms.sms.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer a simulated provider gives.
 *
 * @param status  the HTTP status
 * @param headers the response headers
 * @param body    the body; empty for none
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    /** A JSON answer (Content-Type application/json; charset=utf-8). */
    public static SimResponse json(int status, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new SimResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer without a body. */
    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    /** This answer with one more header. */
    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }
}
