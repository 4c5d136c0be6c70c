package io.github.camelsms.sms;

import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsForbiddenException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsValidationException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each GatewayAPI error (docs/errors.rst) as the exception type and flags SmsErrors gives it, and hostile answers: a
 * 2xx that accounts for nobody, or with absurd values, is in doubt on a send and never retried.
 */
class GatewayapiErrorsTest extends SmsTestSupport {

    private static final String TOKEN = GatewayapiSendTest.TOKEN;
    private static final Map<String, Object> TO = Map.of(SmsConstants.TO, "4520000001");

    GatewayapiErrorsTest() {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("100"));
    }

    private String uri(String operation, String... options) {
        return GatewayapiSendTest.gatewayapi(sim.baseUrl(), operation, options);
    }

    @Test
    void anUnknownTokenIsAnAuthenticationFailure() {
        SmsAuthenticationException e = failure(SmsAuthenticationException.class, uri("send").replace(TOKEN, "nope"),
                "Hi", TO);

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getProviderCode()).isEqualTo("0x0229");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("provider.token");
    }

    @Test
    void code0x0216IsInsufficientCreditThoughTheStatusIs403() {
        sim.gatewayapi().account(TOKEN).credit(new BigDecimal("0.01"));

        SmsInsufficientCreditException e = failure(SmsInsufficientCreditException.class, uri("send"), "Hi", TO);

        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getProviderCode()).isEqualTo("0x0216");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.gatewayapi().account(TOKEN).messages()).isEmpty();
    }

    @Test
    void aBlacklistedNumberOrAnIpNotAllowedIsForbiddenWithTheVariablesInTheMessage() {
        sim.gatewayapi().account(TOKEN).blacklist("4520000001");
        SmsForbiddenException blacklisted = failure(SmsForbiddenException.class, uri("send"), "Hi", TO);
        assertThat(blacklisted.getProviderCode()).isEqualTo("0x0215");
        assertThat(blacklisted.getMessage()).contains("MSISDN 4520000001 blacklisted");

        sim.gatewayapi().account(TOKEN).allowedIps(Set.of("10.9.9.9"));
        SmsForbiddenException ip = failure(SmsForbiddenException.class, uri("credit"), null, Map.of());
        assertThat(ip.getProviderCode()).isEqualTo("0x0213");
        assertThat(ip.getMessage()).contains("Unauthorized IP-address: 127.0.0.1");
        assertThat(ip.isRetryable()).isFalse();
    }

    @Test
    void aSendtimeThatPassedOnTheWayIsAValidationFailure() {
        sim.inject(Fault.status(400, "{\"code\":\"0x0308\",\"message\":\"sendtime is in the past\"}"));

        SmsValidationException e = failure(SmsValidationException.class, uri("send"), "Hi",
                Map.of(SmsConstants.TO, "4520000001", SmsConstants.SCHEDULED_AT, Instant.now().plusSeconds(60)));

        assertThat(e.getProviderCode()).isEqualTo("0x0308");
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("CamelSmsScheduledAt");
    }

    @Test
    void aDuplicateRecipientAnswerIsAValidationFailure() {
        sim.inject(Fault.status(422, "{\"code\":\"0x0310\",\"message\":\"MSISDNs %1 is duplicated\","
                                     + "\"variables\":[\"4520000001\"]}"));

        SmsValidationException e = failure(SmsValidationException.class, uri("send"), "Hi", TO);

        assertThat(e.getStatusCode()).isEqualTo(422);
        assertThat(e.getMessage()).contains("MSISDNs 4520000001 is duplicated");
    }

    @Test
    void cancellingASentMessageIsNotFoundAnd404TooWithNothingInDoubt() {
        String id = call(uri("send"), "Now", TO).getMessage().getBody(SmsSendResult.class).getMessageIds().get(0);

        SmsNotFoundException gone = failure(SmsNotFoundException.class, uri("cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, id));
        assertThat(gone.getStatusCode()).isEqualTo(410);
        assertThat(gone.isInDoubt()).isFalse();
        assertThat(gone.getMessage()).contains("cannot be cancelled");

        SmsNotFoundException unknown = failure(SmsNotFoundException.class, uri("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "999"));
        assertThat(unknown.getStatusCode()).isEqualTo(404);
    }

    @Test
    void aRateLimitIsRetriedAsNothingWasSentAndEndsWithRetryAfter() {
        sim.inject(Fault.rateLimited(1), 10);

        SmsRateLimitException e = failure(SmsRateLimitException.class, uri("send"), "Hi", TO);

        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests().size()).isGreaterThan(1);
        assertThat(sim.gatewayapi().account(TOKEN).messages()).isEmpty();
    }

    @Test
    void a5xxOnACancelIsInDoubtAndOnACreditReadRetryable() {
        sim.inject(Fault.status(500, "{\"message\":\"boom\"}"), 5);

        SmsProviderException cancel = failure(SmsProviderException.class, uri("cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, "421332671"));
        assertThat(cancel.isInDoubt()).isTrue();
        assertThat(sim.requestsTo("/rest/mtsms/")).hasSize(1);

        sim.clearFaults();
        sim.inject(Fault.status(500, "{\"message\":\"boom\"}").onPath("/rest/me"));
        assertThat(call(uri("credit"), null, Map.of()).getException()).as("retried once, then read").isNull();
        assertThat(sim.requestsTo("/rest/me")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"ids\":[]}", "{\"ids\":[421332671,421332672]}", "{\"ids\":[\"abc\"]}",
                             "{\"ids\":[-5]}", "{\"ids\":[1e400]}", "[421332671]",
                             "{\"ids\":[421332671],\"usage\":{\"total_cost\":1e999999}}",
                             "{\"ids\":[421332671],\"usage\":{\"total_cost\":-3}}" })
    void a2xxThatAccountsForNobodyIsInDoubtAndNotRetried(String answer) {
        sim.inject(Fault.status(200, answer), 3);

        SmsException e = failure(SmsException.class, uri("send"), "Hi", TO);

        assertThat(e).isInstanceOf(SmsProviderException.class);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aHostileAnswerToTheSecondMessageLeavesTheFirstAcceptedAndItsOwnInDoubt() {
        // the first request is answered as usual, the second with no id
        sim.inject(Fault.delay(Duration.ZERO)).inject(Fault.status(200, "{\"ids\":[]}"));
        List<String> numbers = List.of("4520000001", "4520000002", "4520000003", "4520000004");

        org.apache.camel.Exchange exchange = call(uri("send", "maxRecipientsPerRequest=2"), "Hi",
                Map.of(SmsConstants.TO, numbers));

        assertThat(exchange.getException()).as("failOnPartialFailure is off").isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("accepted", "accepted", SmsRecipientResult.IN_DOUBT, SmsRecipientResult.IN_DOUBT);
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
        assertThat(sim.requests()).hasSize(2);
        assertThat(sim.gatewayapi().account(TOKEN).messages()).extracting(m -> m.msisdn())
                .containsExactly("4520000001", "4520000002");
    }

    @Test
    void aReadOfAnotherMessageOrAnAbsurdCreditIsUnreadable() {
        sim.inject(Fault.status(200, "[{\"id\":7,\"recipients\":[]}]"));
        SmsProviderException other = failure(SmsProviderException.class, uri("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "421332671"));
        assertThat(other.isInDoubt()).isFalse();

        sim.inject(Fault.status(200, "{\"credit\":\"lots\",\"currency\":\"DKK\"}"), 3);
        SmsProviderException credit = failure(SmsProviderException.class, uri("credit"), null, Map.of());
        assertThat(credit.isInDoubt()).isFalse();
    }

    @Test
    void anErrorBodyCannotInflateTheMessage() {
        String huge = "x".repeat(100_000);
        sim.inject(Fault.status(400, "{\"code\":\"0x0208\",\"message\":\"Invalid %1 %2\",\"variables\":[\"" + huge
                                     + "\",\"y\"],\"incident_uuid\":\"" + huge + "\"}"));

        SmsValidationException e = failure(SmsValidationException.class, uri("send"), "Hi", TO);

        assertThat(e.getMessage()).contains("Invalid xxx").contains("... y").hasSizeLessThan(2_000);
    }
}
