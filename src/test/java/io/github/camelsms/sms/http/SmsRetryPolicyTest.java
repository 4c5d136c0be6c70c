package io.github.camelsms.sms.http;

import java.time.Duration;
import java.util.Map;

import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsRetryPolicyTest {

    private final SmsRetryPolicy policy = new SmsRetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(300));

    private static SmsException failure(boolean retryable, boolean inDoubt, Map<String, String> headers) {
        return new SmsProviderException("x",
                new SmsFailure("cpsms", "send", 503, null, retryable, inDoubt, null, headers));
    }

    @RepeatedTest(20)
    void backoffDoublesWithJitterUpToTheCap() {
        assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        assertThat(policy.backoff(60)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    @Test
    void onlyRetryableFailuresThatAreNotInDoubtAreRetriedAndOnlyAttemptsTimes() {
        assertThat(policy.waitBefore(1, failure(true, false, Map.of()))).isNotNull();
        assertThat(policy.waitBefore(3, failure(true, false, Map.of()))).isNotNull();
        assertThat(policy.waitBefore(4, failure(true, false, Map.of()))).isNull();
        assertThat(policy.waitBefore(1, failure(false, true, Map.of()))).isNull();
        assertThat(policy.waitBefore(1, failure(true, true, Map.of()))).isNull();
        assertThat(policy.waitBefore(1, failure(false, false, Map.of()))).isNull();
        assertThat(SmsRetryPolicy.NONE.waitBefore(1, failure(true, false, Map.of()))).isNull();
    }

    @Test
    void retryAfterReplacesTheBackoffUpToTheCap() {
        assertThat(policy.waitBefore(1, failure(true, false, Map.of("retry-after", "0")))).isEqualTo(Duration.ZERO);
        assertThat(policy.waitBefore(1, failure(true, false, Map.of("Retry-After", "1")))).isNull(); // 1 s > 300 ms
        SmsRateLimitException limited = new SmsRateLimitException("x",
                new SmsFailure("cpsms", "send", 429, null, true, false, null, Map.of()), Duration.ofMillis(250));
        assertThat(policy.waitBefore(1, limited)).isEqualTo(Duration.ofMillis(250));
    }
}
