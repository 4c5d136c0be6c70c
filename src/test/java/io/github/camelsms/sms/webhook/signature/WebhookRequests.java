package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelsms.sms.spi.SmsWebhookRequest;

/** Builds webhook requests as the consumer hands them to a signature scheme. */
final class WebhookRequests {

    private String method = "POST";
    private String url = "https://example.com/sms/dlr";
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> form = new LinkedHashMap<>();
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    static WebhookRequests post(String url) {
        WebhookRequests request = new WebhookRequests();
        request.url = url;
        return request;
    }

    static WebhookRequests get(String url) {
        WebhookRequests request = post(url);
        request.method = "GET";
        return request;
    }

    WebhookRequests query(String name, String... values) {
        query.put(name, List.of(values));
        return this;
    }

    WebhookRequests form(String name, String... values) {
        form.put(name, List.of(values));
        return this;
    }

    WebhookRequests form(Map<String, String> params) {
        params.forEach((name, value) -> form.put(name, List.of(value)));
        return this;
    }

    WebhookRequests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    WebhookRequests json(String json) {
        headers.put("Content-Type", "application/json");
        body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    SmsWebhookRequest build() {
        return new SmsWebhookRequest(method, url, query, form, headers::get, body);
    }
}
