package io.github.camelsms.sms.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One webhook request as a consumer received it, independent of the HTTP engine that served it.
 *
 * @param method    the HTTP method
 * @param publicUrl the URL the provider called, query included, as the provider saw it (publicBaseUrl applied)
 * @param query     the query-string parameters, in order; a repeated name keeps every value
 * @param form      the body's parameters, in order: a form body's, or a JSON object body's top-level fields; empty
 *                  without such a body
 * @param header    reads an HTTP request header by name, case-insensitively; null when absent
 * @param body      the raw body of a JSON request, as received (signatures cover its SHA-256); empty otherwise
 */
public record SmsWebhookRequest(String method, String publicUrl, Map<String, List<String>> query,
        Map<String, List<String>> form, Function<String, String> header, byte[] body) {

    /** Whether the body is JSON (Content-Type application/json). */
    public boolean isJson() {
        String contentType = header.apply("Content-Type");
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** The first value of a parameter, looked up in the form body and then in the query; null when absent. */
    public String param(String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            values = query.get(name);
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every parameter (query first, then form, a form value winning), each with its first value. */
    public Map<String, String> params() {
        Map<String, String> all = new LinkedHashMap<>();
        query.forEach((name, values) -> all.put(name, values.isEmpty() ? "" : values.get(0)));
        form.forEach((name, values) -> all.put(name, values.isEmpty() ? "" : values.get(0)));
        return all;
    }
}
