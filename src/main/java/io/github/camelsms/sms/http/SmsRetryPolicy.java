package io.github.camelsms.sms.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.spi.SmsErrors;

/**
 * When and how long to wait before the transport sends a failed request again. Only failures that are retryable and
 * not in doubt qualify, so a message the provider may have accepted is never sent twice.
 *
 * @param attempts   how many times a request is sent again at most (0 turns retrying off)
 * @param delay      the wait before the first retry; it doubles with each further retry
 * @param maxDelay   the longest wait; a Retry-After longer than this is not waited for and the failure is thrown
 */
public record SmsRetryPolicy(int attempts, Duration delay, Duration maxDelay) {

    public static final SmsRetryPolicy NONE = new SmsRetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public SmsRetryPolicy {
        if (attempts < 0) {
            throw new IllegalArgumentException("retryAttempts must not be negative");
        }
        if (delay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay and maxRetryDelay must not be negative");
        }
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first) after this failure, or null when the
     * failure must be thrown.
     */
    public Duration waitBefore(int retry, SmsException failure) {
        if (retry > attempts || !failure.isRetryable() || failure.isInDoubt()) {
            return null;
        }
        Duration retryAfter = retryAfter(failure);
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) <= 0 ? retryAfter : null;
        }
        return backoff(retry);
    }

    /** Exponential backoff with "equal jitter": between half and all of delay * 2^(retry-1), capped at maxDelay. */
    Duration backoff(int retry) {
        long base = delay.toMillis();
        long exponential = base << Math.min(retry - 1, 20);
        long capped = Math.min(exponential < base ? Long.MAX_VALUE : exponential, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (capped - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped - half + 1)));
    }

    private static Duration retryAfter(SmsException failure) {
        if (failure instanceof SmsRateLimitException rateLimit && rateLimit.getRetryAfter() != null) {
            return rateLimit.getRetryAfter();
        }
        Map<String, String> headers = failure.getResponseHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(header.getKey())) {
                return SmsErrors.parseRetryAfter(header.getValue());
            }
        }
        return null;
    }
}
