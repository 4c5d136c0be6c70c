package io.github.camelsms.sms;

import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsForbiddenException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsValidationException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sms:telnyx producers over loopback against the Telnyx simulation: what went on the wire (each request is also
 * checked against the schema written from Telnyx's documents), every error code's exception, and hostile answers.
 */
class TelnyxProviderTest extends SmsTestSupport {

    private static final String KEY = "KEY0190_telnyx-Provider-Test-key";
    private static final String FROM = "+4570200000";
    private static final String PROFILE = "4000eba1-a0c0-4563-9925-b25e842a7cb6";
    private static final String ID = "40385f64-5717-4562-b3fc-2c963f66afa6";

    TelnyxProviderTest() {
        sim.telnyx().addAccount(KEY);
    }

    private String telnyx(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:telnyx/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl("telnyx")).append("&provider.apiKey=RAW(").append(KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    private String send(String... options) {
        String[] all = new String[options.length + 1];
        all[0] = "from=RAW(" + FROM + ")";
        System.arraycopy(options, 0, all, 1, options.length);
        return telnyx("send", all);
    }

    private List<RecordedRequest> sends() {
        return sim.requests(r -> r.path().equals("/v2/messages"));
    }

    // the wire

    @Test
    void aSendIsOneBearerAuthenticatedJsonRequestWithTheDocumentedFields() {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Exchange exchange = call(send("callbackUrl=RAW(https://example.com/dlr?a=1)"), "Hello Telnyx",
                Map.of(SmsConstants.TO, "+4522334488", SmsConstants.SCHEDULED_AT, inAnHour));

        assertThat(exchange.getException()).isNull();
        assertThat(sends()).hasSize(1);
        RecordedRequest request = sends().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode json = request.json();
        assertThat(json.toString()).isEqualTo("{\"to\":\"+4522334488\",\"from\":\"+4570200000\",\"text\":"
                                              + "\"Hello Telnyx\",\"webhook_url\":\"https://example.com/dlr?a=1\","
                                              + "\"send_at\":\"" + inAnHour + "\"}");
        String id = sim.telnyx().account(KEY).messages().get(0).id();
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(id);
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("ACCEPTED");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).singleElement().satisfies(r -> {
            assertThat(r.getMessageId()).isEqualTo(id);
            assertThat(r.getStatus()).isEqualTo("scheduled");
            assertThat(r.getCost()).isEqualByComparingTo("0.0040");
        });
        assertThat(sim.specViolations()).isEmpty();
    }

    @Test
    void aSendToManyIsOneRequestPerRecipientWithResultsInInputOrder() {
        List<String> to = List.of("+4522334401", "+4522334402", "+4522334403", "+4522334404");

        Exchange exchange = call(send("maxConcurrentRequests=3"), "Many", Map.of(SmsConstants.TO, to));

        assertThat(exchange.getException()).isNull();
        assertThat(sends()).extracting(r -> r.json().get("to").asText()).containsExactlyInAnyOrderElementsOf(to);
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getRecipients())
                .extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(to);
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class)).hasSize(4);
    }

    @Test
    void anAlphanumericSenderGoesWithTheMessagingProfile() {
        Exchange exchange = call(telnyx("send", "from=MyShop", "provider.messagingProfileId=" + PROFILE), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(exchange.getException()).isNull();
        assertThat(sends().get(0).json().get("messaging_profile_id").asText()).isEqualTo(PROFILE);
        assertThat(sends().get(0).json().get("from").asText()).isEqualTo("MyShop");
    }

    // validation before sending

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=MyShop | +4522334488 | | from",
            "from=MyShop&provider.messagingProfileId=" + PROFILE + " | +12025550123 | | from",
            "from=RAW(+4570200000) | +4522334488 | 60 | CamelSmsScheduledAt",
            "from=RAW(+4570200000) | +4522334488 | 518400 | CamelSmsScheduledAt",
            "from=Too long sender | +4522334488 | | from",
            "provider.messagingProfileId=not-a-uuid&from=RAW(+4570200000) | +4522334488 | | provider.messagingProfileId",
            "to=x | 4522 | | to" })
    void badInputIsRefusedNamingTheFieldWithNothingSent(String options, String to, Long secondsAhead, String field) {
        Map<String, Object> headers = secondsAhead == null ? Map.of(SmsConstants.TO, to)
                : Map.of(SmsConstants.TO, to, SmsConstants.SCHEDULED_AT, Instant.now().plusSeconds(secondsAhead));
        SmsValidationException e = failure(SmsValidationException.class, telnyx("send", options), "Hi", headers);

        assertThat(e.getField()).isEqualTo(field);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aMissingApiKeyOrAForeignOptionIsRefusedWithNothingSent() {
        SmsValidationException missing = failure(SmsValidationException.class, "sms:telnyx/credit?baseUrl="
                                                                                + sim.baseUrl("telnyx"), null, Map.of());
        assertThat(missing.getField()).isEqualTo("provider.apiKey");
        SmsValidationException foreign = failure(SmsValidationException.class, send("reference=r1"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(foreign.getMessage()).contains("reference");
        SmsValidationException header = failure(SmsValidationException.class, send(), "Hi",
                Map.of(SmsConstants.TO, "+4522334488", SmsConstants.REFERENCE, "r1"));
        assertThat(header.getMessage()).contains(SmsConstants.REFERENCE);
        assertThat(sim.requests()).isEmpty();
    }

    // errors

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "401 | 10009 | SmsAuthenticationException | false",
            "403 | 10010 | SmsForbiddenException | false",
            "429 | 10011 | SmsRateLimitException | true",
            "400 | 10016 | SmsValidationException | false",
            "422 | 10004 | SmsValidationException | false",
            "402 | | SmsInsufficientCreditException | false",
            "409 | 40300 | SmsForbiddenException | false",
            "503 | 10007 | SmsProviderException | false" })
    void eachErrorAnswerOfASendBecomesItsExceptionTriedOnce(int status, String code, String type, boolean retryable) {
        String body = "{\"errors\":[{" + (code == null ? "" : "\"code\":\"" + code + "\",")
                      + "\"title\":\"Title " + status + "\",\"detail\":\"Detail\"}]}";
        sim.inject(Fault.status(status, body), 5);

        SmsException e = failure(SmsException.class, send("retryAttempts=0"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(e.getProviderCode()).isEqualTo(code);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.isInDoubt()).as("only a 5xx on a send is in doubt").isEqualTo(status >= 500);
        assertThat(e.getMessage()).contains("Title " + status);
        assertThat(sends()).hasSize(1);
    }

    @Test
    void aRecipientBlockedBySTOPIsForbiddenWhileTheOthersAreSent() {
        Exchange exchange = call(send(), "Hi", Map.of(SmsConstants.TO, List.of("+4522334401", "+15550001234")));

        assertThat(exchange.getException()).isNull();
        List<SmsRecipientResult> results = exchange.getMessage().getBody(SmsSendResult.class).getRecipients();
        assertThat(results.get(0).isAccepted()).isTrue();
        assertThat(results.get(1).isAccepted()).isFalse();
        assertThat(results.get(1).getErrorCode()).isEqualTo("40300");
        assertThat(results.get(1).getStatus()).isEqualTo(SmsRecipientResult.FAILED);
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
    }

    @Test
    void aReadThatFailsWith5xxIsRetriedAndANotFoundIsNot() {
        sim.inject(Fault.status(500, "{\"errors\":[{\"code\":\"10007\",\"title\":\"Unexpected error\"}]}"));
        Exchange retried = call(telnyx("credit", "retryDelay=1"), null, Map.of());
        assertThat(retried.getException()).isNull();
        assertThat(sim.requestsTo("/v2/balance")).hasSize(2);

        SmsNotFoundException e = failure(SmsNotFoundException.class, telnyx("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, ID));
        assertThat(e.getProviderCode()).isEqualTo("10005");
        assertThat(e.isInDoubt()).isFalse();
    }

    // hostile answers to a send: anything that does not account for the number sent is in doubt

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"data\":{\"to\":[{\"phone_number\":\"+4522334488\",\"status\":\"queued\"}]}}",
            "{\"data\":{\"id\":\"" + ID + "\",\"to\":[{\"phone_number\":\"+4599999999\",\"status\":\"queued\"}]}}",
            "{\"data\":{\"id\":\"" + ID + "\",\"to\":[]}}",
            "{\"data\":{\"id\":\"not-an-id\",\"to\":[{\"phone_number\":\"+4522334488\",\"status\":\"queued\"}]}}",
            "{\"data\":{\"id\":\"" + ID + "\",\"to\":[{\"phone_number\":\"+4522334488\",\"status\":\"queued\"}],"
            + "\"cost\":{\"amount\":\"1e999999999\",\"currency\":\"USD\"}}}",
            "{\"errors\":[]}",
            "[]" })
    void a2xxThatDoesNotAccountForTheNumberSentIsInDoubt(String body) {
        sim.inject(Fault.status(200, body));

        SmsProviderException e = failure(SmsProviderException.class, send(), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sends()).hasSize(1);
    }

    @Test
    void aFailureDeclaredInsideA2xxIsARejectionWithTheProviderCode() {
        sim.inject(Fault.status(200, "{\"data\":{\"id\":\"" + ID + "\",\"to\":[{\"phone_number\":\"+4522334488\","
                                     + "\"status\":\"sending_failed\"}],\"errors\":[{\"code\":\"40013\",\"title\":"
                                     + "\"Invalid source number\"}]}}"));

        SmsPartialFailureException e = failure(SmsPartialFailureException.class, send("failOnPartialFailure=true"),
                "Hi", Map.of(SmsConstants.TO, "+4522334488"));

        SmsRecipientResult result = e.getResult().getRecipients().get(0);
        assertThat(result.getStatus()).isEqualTo(SmsRecipientResult.REJECTED);
        assertThat(result.getErrorCode()).isEqualTo("40013");
        assertThat(result.getMessageId()).isEqualTo(ID);
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void aHostileAnswerToOneRecipientOfManyLeavesOnlyThatOneInDoubt() {
        sim.inject(Fault.status(200, "<html>maintenance</html>", Map.of("Content-Type", "text/html")));

        Exchange exchange = call(send("maxConcurrentRequests=1"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4522334401", "+4522334402", "+4522334403")));

        assertThat(exchange.getException()).isNull();
        List<SmsRecipientResult> results = exchange.getMessage().getBody(SmsSendResult.class).getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getStatus)
                .containsExactly(SmsRecipientResult.IN_DOUBT, "queued", "queued");
        assertThat(sends()).hasSize(3);
    }

    // reads and cancels

    @Test
    void aScheduledMessageIsReadThenCancelledAndTheBalanceRead() {
        Exchange sent = call(send(), "Later", Map.of(SmsConstants.TO, "+4522334488", SmsConstants.SCHEDULED_AT,
                Instant.now().plus(Duration.ofHours(2))));
        String id = sent.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);

        Exchange read = call(telnyx("getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, id));
        SmsMessage message = read.getMessage().getBody(SmsMessage.class);
        assertThat(message.getSid()).isEqualTo(id);
        assertThat(message.getStatus()).isEqualTo("scheduled");
        assertThat(message.getTo()).isEqualTo("+4522334488");
        assertThat(message.getFrom()).isEqualTo(FROM);
        assertThat(message.getBody()).isEqualTo("Later");
        assertThat(message.getNumSegments()).isEqualTo(1);

        Exchange cancelled = call(telnyx("cancelScheduled"), null, Map.of(SmsConstants.MESSAGE_ID, id));
        assertThat(cancelled.getException()).isNull();
        assertThat(cancelled.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("cancelled");
        assertThat(sim.telnyx().account(KEY).messages().get(0).status()).isEqualTo("cancelled");
        RecordedRequest delete = sim.lastRequest();
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/v2/messages/" + id);

        SmsValidationException again = failure(SmsValidationException.class, telnyx("cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, id));
        assertThat(again.getProviderCode()).isEqualTo("10015");

        Exchange credit = call(telnyx("credit"), null, Map.of());
        assertThat(credit.getMessage().getBody(BigDecimal.class)).isEqualByComparingTo("9.99");
        assertThat(credit.getMessage().getHeader(SmsConstants.CURRENCY)).isEqualTo("USD");
    }

    @Test
    void aMessageIdThatIsNotAUuidIsRefusedWithNothingSent() {
        SmsValidationException e = failure(SmsValidationException.class, telnyx("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "../balance"));

        assertThat(e.getField()).isEqualTo(SmsConstants.MESSAGE_ID);
        assertThat(sim.requests()).isEmpty();
    }
}
