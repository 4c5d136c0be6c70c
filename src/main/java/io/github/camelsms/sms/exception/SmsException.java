package io.github.camelsms.sms.exception;

import java.util.Map;

import org.apache.camel.RuntimeCamelException;

/**
 * The base of every failure the sms component reports. The message says what went wrong and how to fix it; it never
 * contains a secret.
 */
public class SmsException extends RuntimeCamelException {

    private final SmsFailure failure;

    public SmsException(String message, SmsFailure failure) {
        this(message, failure, null);
    }

    public SmsException(String message, SmsFailure failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The facts of this failure, for handlers that want them in one object. */
    public SmsFailure getFailure() {
        return failure;
    }

    public String getProvider() {
        return failure.provider();
    }

    public String getOperation() {
        return failure.operation();
    }

    /** The HTTP status of the provider's answer, or 0 when there was none. */
    public int getStatusCode() {
        return failure.statusCode();
    }

    /** The provider's own error code (for example a Twilio-style 21211), or null. */
    public String getProviderCode() {
        return failure.providerCode();
    }

    /** True when the same request may safely be sent again (the provider cannot have acted on it). */
    public boolean isRetryable() {
        return failure.retryable();
    }

    /**
     * True when the provider may have carried out a request that changes state although a failure was seen (a read
     * timeout after a send, create, update, delete or cancel went out, a 5xx answer to one). Such a request is never
     * retried automatically.
     */
    public boolean isInDoubt() {
        return failure.inDoubt();
    }

    /** The provider's response body, or null when no response was received. */
    public String getResponseBody() {
        return failure.responseBody();
    }

    /** The provider's response headers, empty when no response was received. */
    public Map<String, String> getResponseHeaders() {
        return failure.responseHeaders();
    }
}
