package io.github.camelsms.sms.exception;

import java.util.Map;

/**
 * What is known about a failed call. Immutable; carries no credentials.
 *
 * @param provider        the provider name, for example cpsms
 * @param operation       the operation name, for example send
 * @param statusCode      the HTTP status, 0 when no response was received
 * @param providerCode    the provider's own error code, or null
 * @param retryable       whether the same request may safely be sent again
 * @param inDoubt         whether the provider may have acted on the request although it failed
 * @param responseBody    the response body, or null
 * @param responseHeaders the response headers, never null
 */
public record SmsFailure(
        String provider, String operation, int statusCode, String providerCode,
        boolean retryable, boolean inDoubt, String responseBody, Map<String, String> responseHeaders) {

    public SmsFailure {
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
    }

    /** A failure found before anything was sent. */
    public static SmsFailure beforeSending(String provider, String operation) {
        return new SmsFailure(provider, operation, 0, null, false, false, null, Map.of());
    }
}
