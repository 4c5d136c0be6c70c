package io.github.camelsms.sms.provider.vonage;

import io.github.camelsms.sms.exception.SmsForbiddenException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsRateLimitException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.SmsTestSupport;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.VonageSimulation;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vonage producer over loopback against the simulation: what goes on the wire (checked against Vonage's definition
 * by the simulator's request check), every status code onto the exception taxonomy, and hostile answers.
 */
class VonageProviderTest extends SmsTestSupport {

    static final String KEY = "a1b2c3d4";
    static final String SECRET = "V0nageS3cret-7h6g";
    static final String TO = "447700900001";

    private final VonageSimulation.Account account;

    VonageProviderTest() {
        account = sim.vonage().addAccount(KEY, SECRET, new BigDecimal("10"));
    }

    static String vonage(String baseUrl, String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:vonage/").append(operation).append("?baseUrl=").append(baseUrl)
                .append("&provider.apiKey=RAW(").append(KEY).append(")&provider.secret=RAW(").append(SECRET)
                .append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    private String send(String... options) {
        List<String> all = new ArrayList<>(List.of("from=AcmeInc"));
        all.addAll(List.of(options));
        return vonage(sim.baseUrl("vonage"), "send", all.toArray(String[]::new));
    }

    private static String answer(String... entries) {
        return "{\"message-count\":\"" + entries.length + "\",\"messages\":[" + String.join(",", entries) + "]}";
    }

    private static String queued(String to, String id) {
        return "{\"to\":\"" + to + "\",\"message-id\":\"" + id + "\",\"status\":\"0\",\"remaining-balance\":\"9.9\","
               + "\"message-price\":\"0.0333\",\"network\":\"23410\"}";
    }

    private static String refused(int status, String text) {
        return "{\"status\":\"" + status + "\",\"error-text\":\"" + text + "\"}";
    }

    // the wire

    @Test
    void aSendGoesAsOneFormPerRecipientWithBasicCredentialsAndTheDocumentedFields() {
        Exchange exchange = call(send("callbackUrl=RAW(https://example.com/dlr)", "validityPeriod=3600",
                "reference=order-42"), "Grüße 😀", Map.of(SmsConstants.TO, List.of("+" + TO, "+447700900002")));

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> sends = sim.requestsTo("/sms/json");
        assertThat(sends).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString((KEY + ":" + SECRET).getBytes()));
            assertThat(r.form()).doesNotContainKeys("api_key", "api_secret")
                    .containsEntry("from", List.of("AcmeInc")).containsEntry("text", List.of("Grüße 😀"))
                    .containsEntry("type", List.of("unicode")).containsEntry("ttl", List.of("3600000"))
                    .containsEntry("callback", List.of("https://example.com/dlr"))
                    .containsEntry("client-ref", List.of("order-42"));
        });
        assertThat(sends).extracting(r -> r.formValue("to")).containsExactlyInAnyOrder(TO, "447700900002");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactly(TO, "447700900002");
        assertThat(result.getRecipients()).allSatisfy(r -> assertThat(r.getMessageId()).matches("[0-9A-F]{16}"));
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("0.0666");
        assertThat(account.messages()).noneMatch(VonageSimulation.SentMessage::garbled);
    }

    @Test
    void gsmTextGoesWithTheDefaultTypeAndANumericSenderWithoutPlus() {
        Exchange exchange = call(vonage(sim.baseUrl("vonage"), "send", "from=RAW(+447700900000)"), "Hello [world]",
                Map.of(SmsConstants.TO, TO));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().form()).doesNotContainKey("type").containsEntry("from", List.of("447700900000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=00447700900000 | from", "from=RAW(Acme Inc) | from", "from=TwelveLetters | from",
            "from=AcmeInc&validityPeriod=19 | validityPeriod", "from=AcmeInc&validityPeriod=604801 | validityPeriod",
            "from=AcmeInc&callbackUrl=/dlr | callbackUrl",
            "from=AcmeInc&reference=12345678901234567890123456789012345678901 | reference" })
    void badInputIsRefusedBeforeAnythingIsSent(String options, String field) {
        SmsValidationException e = failure(SmsValidationException.class,
                vonage(sim.baseUrl("vonage"), "send", options), "Hi", Map.of(SmsConstants.TO, TO));

        assertThat(e.getMessage()).contains(field);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void noSenderATooLongTextAndASchedulingHeaderAreRefusedBeforeAnythingIsSent() {
        assertThat(failure(SmsValidationException.class, vonage(sim.baseUrl("vonage"), "send"), "Hi",
                Map.of(SmsConstants.TO, TO)).getMessage()).contains("from");
        assertThat(failure(SmsValidationException.class, send(), "x".repeat(3201), Map.of(SmsConstants.TO, TO))
                .getMessage()).contains("3200");
        assertThat(failure(SmsValidationException.class, send(), "Hi", Map.of(SmsConstants.TO, TO,
                SmsConstants.SCHEDULED_AT, "2099-01-01T00:00:00Z")).getMessage()).contains(SmsConstants.SCHEDULED_AT);
        assertThat(sim.requests()).isEmpty();
    }

    // status codes in the 200

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 | SmsRateLimitException | true", "10 | SmsRateLimitException | true",
            "2 | SmsValidationException | false", "3 | SmsValidationException | false",
            "12 | SmsValidationException | false", "15 | SmsValidationException | false",
            "23 | SmsValidationException | false", "32 | SmsValidationException | false",
            "4 | SmsAuthenticationException | false", "14 | SmsAuthenticationException | false",
            "8 | SmsForbiddenException | false", "11 | SmsForbiddenException | false",
            "9 | SmsInsufficientCreditException | false", "5 | SmsProviderException | false" })
    void aRequestWideStatusIsItsExceptionNotInDoubt(int status, String type, boolean retryable) {
        sim.inject(Fault.status(200, answer(refused(status, "refused"))).onPath("/sms/json"));

        SmsException e = failure(SmsException.class, send(), "Hi", Map.of(SmsConstants.TO, TO));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.getProviderCode()).isEqualTo(String.valueOf(status));
        assertThat(e.getStatusCode()).isEqualTo(200);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 6, 7, 22, 29, 33, 99 })
    void aNumberStatusRejectsThatRecipientAndTheOthersAreSent(int status) {
        account.rejectRecipient("447700900002", status, "Non White-listed Destination - rejected");

        Exchange exchange = call(send(), "Hi", Map.of(SmsConstants.TO,
                List.of(TO, "447700900002", "447700900003")));

        assertThat(exchange.getException()).isNull();
        List<SmsRecipientResult> results = exchange.getMessage().getBody(SmsSendResult.class).getRecipients();
        assertThat(results).extracting(SmsRecipientResult::isAccepted).containsExactly(true, false, true);
        assertThat(results.get(1).getStatus()).isEqualTo(SmsRecipientResult.REJECTED);
        assertThat(results.get(1).getErrorCode()).isEqualTo(String.valueOf(status));
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
    }

    @Test
    void noCreditHalfwayStopsTheSendAndAccountsForEveryRecipient() {
        account.balance(new BigDecimal("0.04")); // one part

        Exchange exchange = call(send("maxConcurrentRequests=1"), "Hi", Map.of(SmsConstants.TO,
                List.of(TO, "447700900002", "447700900003")));

        assertThat(sim.requestsTo("/sms/json")).hasSize(2);
        List<SmsRecipientResult> results = exchange.getException() == null
                ? exchange.getMessage().getBody(SmsSendResult.class).getRecipients()
                : ((io.github.camelsms.sms.exception.SmsPartialFailureException) exchange.getException()).getResult()
                        .getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getTo).containsExactly(TO, "447700900002", "447700900003");
        assertThat(results).extracting(SmsRecipientResult::getStatus).containsExactly("accepted",
                SmsRecipientResult.FAILED, SmsRecipientResult.NOT_SENT);
        assertThat(results.get(1).getErrorCode()).isEqualTo("9");
    }

    // hostile answers

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a queued part without an id
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900001\",\"status\":\"0\"}]}",
            // a part queued, another refused
            "{\"message-count\":\"2\",\"messages\":[{\"to\":\"447700900001\",\"message-id\":\"0A1\",\"status\":\"0\"},"
            + "{\"status\":\"9\",\"error-text\":\"Quota Exceeded\"}]}",
            // another number than the one sent
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900999\",\"message-id\":\"0A1\",\"status\":\"0\"}]}",
            // a count that disagrees with the entries
            "{\"message-count\":\"3\",\"messages\":[{\"to\":\"447700900001\",\"message-id\":\"0A1\",\"status\":\"0\"}]}",
            // a part without a status
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900001\",\"message-id\":\"0A1\"}]}" })
    void anAnswerThatDoesNotSayTheMessageWasQueuedLeavesTheRecipientInDoubt(String body) {
        sim.inject(Fault.status(200, body).onPath("/sms/json"));

        Exchange exchange = call(send("failOnPartialFailure=true"), "Hi", Map.of(SmsConstants.TO, TO));

        assertThat(exchange.getException()).isInstanceOf(io.github.camelsms.sms.exception.SmsPartialFailureException.class);
        io.github.camelsms.sms.exception.SmsPartialFailureException e
                = (io.github.camelsms.sms.exception.SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getResult().getRecipients()).singleElement().satisfies(r -> {
            assertThat(r.getTo()).isEqualTo(TO);
            assertThat(r.getStatus()).isEqualTo(SmsRecipientResult.IN_DOUBT);
        });
        assertThat(sim.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"message-count\":\"0\",\"messages\":[]}",
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900001\",\"message-id\":\"0A1\",\"status\":\"zero\"}]}",
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900001\",\"message-id\":\"0A1\",\"status\":\"0\","
            + "\"message-price\":\"1e999999999\"}]}",
            "[]", "" })
    void anUnreadable2xxIsInDoubtAndNotRetried(String body) {
        sim.inject(Fault.status(200, body).onPath("/sms/json"), 3);

        SmsProviderException e = failure(SmsProviderException.class, send(), "Hi", Map.of(SmsConstants.TO, TO));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aStatusWhoseErrorTextEchoesTheSecretsShowsNeither() {
        sim.inject(Fault.status(200, answer(refused(4, "Bad Credentials for " + KEY + ":" + SECRET)))
                .onPath("/sms/json"));

        SmsAuthenticationException e = failure(SmsAuthenticationException.class, send(), "Hi",
                Map.of(SmsConstants.TO, TO));

        assertThat(List.of(String.valueOf(e), String.valueOf(e.getResponseBody()), String.valueOf(e.getResponseHeaders())))
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET).doesNotContain(KEY));
    }

    // the balance

    @Test
    void creditIsTheAccountBalanceInEuro() {
        Exchange exchange = call(vonage(sim.baseUrl("vonage"), "credit"), null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(BigDecimal.class)).isEqualByComparingTo("10");
        assertThat(exchange.getMessage().getHeader(SmsConstants.CURRENCY)).isEqualTo("EUR");
        assertThat(sim.lastRequest().path()).isEqualTo("/account/get-balance");
        assertThat(sim.lastRequest().query()).isNull();
    }

    @Test
    void creditWithAWrongSecretIsAnAuthenticationFailureAndAnAbsurdBalanceIsUnreadable() {
        SmsAuthenticationException e = failure(SmsAuthenticationException.class,
                vonage(sim.baseUrl("vonage"), "credit").replace(SECRET, "wrong-secret"), null, Map.of());
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getMessage()).contains("authentication failed");

        sim.inject(Fault.status(200, "{\"value\":\"1e999999999\",\"autoReload\":false}"), 5);
        SmsProviderException unreadable = failure(SmsProviderException.class, vonage(sim.baseUrl("vonage"), "credit"),
                null, Map.of());
        assertThat(unreadable.isInDoubt()).isFalse();
    }

    @Test
    void aForeignProvidersOptionIsRefusedAndTheVonageOptionsAreRefusedElsewhere() {
        assertThat(failure(SmsValidationException.class, send("username=tester"), "Hi", Map.of(SmsConstants.TO, TO))
                .getMessage()).contains("username");
        assertThat(failure(SmsValidationException.class, cpsms("send", "provider.secretKey=abc"), "Hi",
                Map.of(SmsConstants.TO, "4522334488")).getMessage()).contains("secretKey").contains("vonage");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void credentialsAreRequiredWhenTheEndpointStarts() {
        assertThat(failure(SmsValidationException.class, "sms:vonage/send?from=AcmeInc&baseUrl=" + sim.baseUrl()
                                                          + "&provider.apiKey=" + KEY, "Hi",
                Map.of(SmsConstants.TO, TO)).getMessage()).contains("provider.secret");
        assertThat(sim.requests()).isEmpty();
    }
}
