package io.github.camelsms.sms;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.simulator.Fault;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsForbiddenException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsTransportException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

class CpsmsErrorMappingTest extends SmsTestSupport {

    private static final Map<String, Object> ONE = Map.of(SmsConstants.TO, "4522334488");

    @Test
    void badRequestIsValidation() {
        // the provider rejects every recipient
        sim.cpsms().account(USER).rejectRecipient("4522000099", "Phone number length and country code do not match.");
        SmsValidationException e = failure(SmsValidationException.class, cpsms("send"), "Hi",
                Map.of(SmsConstants.TO, "4522000099"));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getProviderCode()).isEqualTo("400");
        assertThat(e.getMessage()).contains("Phone number length and country code do not match");
        assertThat(e.getResponseBody()).contains("errMsg");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void wrongApiKeyIsAuthenticationAndNeverShowsTheKey() {
        String wrongKey = "Wr0ngKeyThatMustNotLeak-1234";
        String uri = "sms:cpsms/send?baseUrl=" + sim.baseUrl() + "&username=" + USER + "&apiKey=RAW(" + wrongKey + ")";

        SmsAuthenticationException e = failure(SmsAuthenticationException.class, uri, "Hi", ONE);

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getProvider()).isEqualTo("cpsms");
        assertThat(e.getOperation()).isEqualTo("send");
        assertThat(e.getMessage()).contains("INDSTILLINGER -> API").contains("username");
        assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(API_KEY);
        assertThat(e.getResponseBody()).doesNotContain(wrongKey);
        assertThat(String.valueOf(e.getResponseHeaders())).doesNotContain("Basic");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void tooLittleCreditIsInsufficientCredit() {
        sim.cpsms().account(USER).credit(new BigDecimal("0.5"));
        SmsInsufficientCreditException e = failure(SmsInsufficientCreditException.class, cpsms("send"), "Hi", ONE);
        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getMessage()).contains("top up credit");
        assertThat(sim.cpsms().account(USER).messages()).isEmpty();
    }

    @Test
    void ipNotOnTheAllowListIsForbidden() {
        sim.cpsms().account(USER).allowedIps(Set.of("192.0.2.10"));
        SmsForbiddenException e = failure(SmsForbiddenException.class, cpsms("credit"), null, Map.of());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getMessage()).contains("allow-list");
    }

    @Test
    void unknownGroupIsNotFound() {
        SmsNotFoundException e = failure(SmsNotFoundException.class, cpsms("deleteGroup"), null,
                Map.of(SmsConstants.GROUP_ID, "424242"));
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("424242");
    }

    @Test
    void notAcceptableIsValidationOutsideTheLog() {
        sim.inject(Fault.status(406, "{\"error\":{\"code\":406,\"message\":\"You did something\"}}"));
        SmsValidationException e = failure(SmsValidationException.class, cpsms("listGroups"), null, Map.of());
        assertThat(e.getStatusCode()).isEqualTo(406);
        assertThat(e.getMessage()).contains("You did something");

        sim.inject(Fault.status(406, "{\"error\":{\"code\":406,\"message\":\"Too many requests\"}}"));
        SmsRateLimitException limited = failure(SmsRateLimitException.class, cpsms("log", "retryAttempts=0"), null,
                Map.of());
        assertThat(limited.getStatusCode()).isEqualTo(406);
    }

    @Test
    void conflictIsNotFound() {
        SmsNotFoundException e = failure(SmsNotFoundException.class, cpsms("cancelScheduled"), null,
                Map.of(SmsConstants.REFERENCE, "nothing-here"));
        assertThat(e.getStatusCode()).isEqualTo(409);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        sim.inject(Fault.rateLimited(7));
        SmsRateLimitException e = failure(SmsRateLimitException.class, cpsms("send", "retryAttempts=0"), "Hi", ONE);
        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void serverErrorOnASendIsInDoubt() {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send"), "Hi", ONE);
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("Internal error").contains("check before sending again");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void serverErrorOnAReadIsRetryable() {
        sim.inject(Fault.status(502, "Bad gateway", Map.of("Content-Type", "text/plain")));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("credit", "retryAttempts=0"), null,
                Map.of());
        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("Bad gateway");
    }

    @Test
    void unavailableWithRetryAfterOnASendIsRetryableNotInDoubt() {
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "3")));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", "retryAttempts=0"), "Hi", ONE);
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void errorInsideA200IsAFailure() {
        sim.inject(Fault.status(200, "{\"error\":{\"code\":401,\"message\":\"Invalid credentials\"}}"));
        SmsAuthenticationException e = failure(SmsAuthenticationException.class, cpsms("send"), "Hi", ONE);
        assertThat(e.getProviderCode()).isEqualTo("401");
    }

    @Test
    void unreadableAnswerIsProviderException() {
        sim.inject(Fault.status(200, "<html>maintenance</html>", Map.of("Content-Type", "text/html")));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send"), "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getResponseBody()).contains("maintenance");
    }

    @Test
    void droppedConnectionAfterTheSendIsInDoubtTransport() {
        sim.inject(Fault.dropAfterHandling());
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send"), "Hi", ONE);
        assertThat(e.getStatusCode()).isZero();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.cpsms().account(USER).messages()).hasSize(1); // it was sent
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void responseTimeoutOnASendIsInDoubt() {
        sim.inject(Fault.delay(Duration.ofMillis(1500)));
        long start = System.nanoTime();
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send", "responseTimeout=300"), "Hi", ONE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getMessage()).contains("response timeout");
    }

    @Test
    void connectionRefusedIsRetryableAndNotInDoubt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String uri = "sms:cpsms/send?baseUrl=http://127.0.0.1:" + closedPort + "&username=" + USER + "&apiKey="
                     + API_KEY + "&retryAttempts=0";
        SmsTransportException e = failure(SmsTransportException.class, uri, "Hi", ONE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("connection refused").contains("Nothing was sent");
    }
}
