package io.github.camelsms.sms.simulator;

import java.util.List;
import java.util.Map;

/**
 * A request as a simulated provider sees it.
 */
record SimRequest(String method, String path, String query, Map<String, String> headers, String body,
        String remoteAddress) {

    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    String[] basicCredentials() {
        return RecordedRequest.basicCredentials(header("authorization"));
    }

    Map<String, List<String>> form() {
        return RecordedRequest.parseParams(body);
    }

    Map<String, List<String>> queryParams() {
        return RecordedRequest.parseParams(query);
    }
}
