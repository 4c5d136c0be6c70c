package io.github.camelsms.sms.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A provider's answer, read whole.
 *
 * @param statusCode the HTTP status
 * @param headers    the response headers (the last value of a repeated header)
 * @param body       the body bytes, never null
 */
public record SmsHttpResponse(int statusCode, Map<String, String> headers, byte[] body) {

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    public JsonNode jsonOrNull() {
        return SmsJson.readOrNull(body);
    }

    /** A header looked up without regard to case, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }
}
