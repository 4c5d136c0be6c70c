package io.github.camelsms.sms.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request the simulator received, as it arrived.
 *
 * @param method  the HTTP method
 * @param path    the path, decoded
 * @param query   the raw query string, or null
 * @param headers the headers (names lower-cased, values joined with ",")
 * @param body    the body as UTF-8 text, empty when there was none
 * @param fault   the fault injected into this request, or null
 * @param at      when it arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
        String fault, Instant at) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /**
     * The path without a LaML API prefix (/2010-04-01 or /api/laml/2010-04-01), for example
     * /Accounts/AC.../Messages.json; other paths as they are.
     */
    public String resourcePath() {
        return path.replaceFirst("^(/api/laml)?/2010-04-01(?=/Accounts)", "");
    }

    /** The body parsed as JSON; throws when it is not JSON. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("The body is not JSON: " + body, e);
        }
    }

    /** The form body's parameters in order; a repeated name keeps every value. */
    public Map<String, List<String>> form() {
        return parseParams(body);
    }

    /** The query string's parameters in order. */
    public Map<String, List<String>> queryParams() {
        return parseParams(query);
    }

    /** The first value of a form parameter, or null. */
    public String formValue(String name) {
        List<String> values = form().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The user of the Basic Authorization header, or null. */
    public String basicUser() {
        String[] credentials = basicCredentials(header("Authorization"));
        return credentials == null ? null : credentials[0];
    }

    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Map<String, List<String>> parseParams(String text) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    @Override
    public String toString() {
        return method + " " + path + (query != null ? "?" + query : "") + (fault != null ? " [" + fault + "]" : "");
    }
}
