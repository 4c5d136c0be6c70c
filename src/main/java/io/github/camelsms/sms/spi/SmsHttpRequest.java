package io.github.camelsms.sms.spi;

import java.io.ByteArrayOutputStream;
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

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        params.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                values.forEach(v -> appendParam(body, name, v));
            } else if (value != null) {
                appendParam(body, name, value);
            }
        });
        return new SmsHttpRequest("POST", target, false, FORM, body.toByteArray(), sendsSms);
    }

    /** This form request with the parameters appended to its body (credentials of a form scheme). */
    public SmsHttpRequest withFormParameters(Map<String, String> params) {
        ByteArrayOutputStream form = new ByteArrayOutputStream(body.length + 64);
        form.writeBytes(body);
        params.forEach((name, value) -> appendParam(form, name, value));
        return new SmsHttpRequest(method, target, fromHost, contentType, form.toByteArray(), sendsSms);
    }

    /** A GET of a URL the provider gave, such as a next-page URI (same origin as the base URL only). */
    public static SmsHttpRequest getFromHost(String target) {
        return new SmsHttpRequest("GET", target, true, null, null, false);
    }

    /** Encodes one URL path segment (spaces as %20, not +). */
    public static String segment(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 16);
        encode(out, value, false);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static void appendParam(ByteArrayOutputStream body, String name, Object value) {
        if (body.size() > 0) {
            body.write('&');
        }
        encode(body, name, true);
        body.write('=');
        encode(body, String.valueOf(value), true);
    }

    /**
     * What {@link java.net.URLEncoder#encode(String, java.nio.charset.Charset)} with UTF-8 writes (letters, digits and
     * {@code .-*_} as they are, every other byte of the UTF-8 form as %XX), written straight into the body instead of
     * through URLEncoder's per-value writers and strings; a space as + in a form, as %20 in a path segment.
     */
    private static void encode(ByteArrayOutputStream out, String value, boolean spaceAsPlus) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                || c == '*' || c == '_') {
                out.write(c);
            } else if (c == ' ' && spaceAsPlus) {
                out.write('+');
            } else {
                out.write('%');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xf]);
            }
        }
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
