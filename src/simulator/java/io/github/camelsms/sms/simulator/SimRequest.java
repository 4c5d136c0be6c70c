package io.github.camelsms.sms.simulator;

import java.util.List;
import java.util.Map;

/**
 * A request as a simulated provider sees it.
 *
 * @param method        the HTTP method
 * @param path          the path, decoded
 * @param query         the raw query string, or null
 * @param headers       the headers (names lower-cased, values joined with ",")
 * @param body          the body as UTF-8 text, empty when there was none
 * @param remoteAddress the client's IP address
 */
public record SimRequest(String method, String path, String query, Map<String, String> headers, String body,
        String remoteAddress) {

    /** A header by name, case-insensitively; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** The user and password of an HTTP Basic Authorization header, or null. */
    public String[] basicCredentials() {
        return RecordedRequest.basicCredentials(header("authorization"));
    }

    /** The parameters of a form body, decoded, in order. */
    public Map<String, List<String>> form() {
        return RecordedRequest.parseParams(body);
    }

    /** The parameters of the query string, decoded, in order. */
    public Map<String, List<String>> queryParams() {
        return RecordedRequest.parseParams(query);
    }
}
