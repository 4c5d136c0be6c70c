package io.github.camelsms.sms.http;

import io.github.camelsms.sms.spi.SmsJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A provider request before authentication and transport. {@code target} is a path below the base URL, or, when
 * {@code fromHost} is set, a URL the provider gave (LaML next_page_uri): a path from the host root or an absolute URL,
 * resolved against the base URL and refused unless it has the base URL's scheme, host and port.
 *
 * @param method      the HTTP method
 * @param target      the path (with query) to call
 * @param fromHost    whether {@code target} is resolved against the base URL's host instead of the base URL
 * @param contentType the body's content type, or null without a body
 * @param body        the body, or null
 * @param sendsSms    whether the request sends a message (for the wording of failures; every request that
 *                    {@linkplain #changesState() changes state} is in doubt once it may have gone out)
 */
public record SmsHttpRequest(String method, String target, boolean fromHost, String contentType, byte[] body,
        boolean sendsSms) {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    /**
     * Whether the provider acts on this request (a send, a create, update, delete or cancel): a failure after it may
     * have gone out leaves it in doubt, and it is never sent again by the component. Only GET and HEAD are reads.
     */
    public boolean changesState() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    public static SmsHttpRequest get(String target) {
        return new SmsHttpRequest("GET", target, false, null, null, false);
    }

    public static SmsHttpRequest delete(String target) {
        return new SmsHttpRequest("DELETE", target, false, null, null, false);
    }

    public static SmsHttpRequest json(String method, String target, Object body, boolean sendsSms) {
        return new SmsHttpRequest(method, target, false, JSON, SmsJson.write(body), sendsSms);
    }

    /** A form post; a parameter whose value is a List is repeated once per element. */
    public static SmsHttpRequest form(String target, Map<String, ?> params, boolean sendsSms) {
        StringBuilder sb = new StringBuilder(128);
        params.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                values.forEach(v -> appendParam(sb, name, v));
            } else if (value != null) {
                appendParam(sb, name, value);
            }
        });
        return new SmsHttpRequest("POST", target, false, FORM, sb.toString().getBytes(StandardCharsets.UTF_8),
                sendsSms);
    }

    /** A GET of a URL the provider gave, such as a next-page URI (same origin as the base URL only). */
    public static SmsHttpRequest getFromHost(String target) {
        return new SmsHttpRequest("GET", target, true, null, null, false);
    }

    /** Encodes one URL path segment (spaces as %20, not +). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void appendParam(StringBuilder sb, String name, Object value) {
        if (!sb.isEmpty()) {
            sb.append('&');
        }
        sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
