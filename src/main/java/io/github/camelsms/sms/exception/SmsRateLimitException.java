package io.github.camelsms.sms.exception;

import java.time.Duration;

/**
 * The provider limits the request rate (HTTP 429, or the CPSMS log limit of one request per two minutes).
 */
public class SmsRateLimitException extends SmsException {

    private final Duration retryAfter;

    public SmsRateLimitException(String message, SmsFailure failure, Duration retryAfter) {
        super(message, failure);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asks to wait before trying again, or null when it did not say. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
