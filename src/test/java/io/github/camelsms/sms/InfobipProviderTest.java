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

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.InfobipOpenApi;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Infobip over loopback against its simulation: what goes on the wire (checked against the document written from
 * Infobip's pages on every request), how each answer maps, the ids an in-doubt send can be looked up by, and the
 * webhooks.
 */
@Timeout(60)
class InfobipProviderTest extends WebhookTestSupport {

    private static final String KEY = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9";
    private static final String SEND_PATH = "/infobip/sms/3/messages";
    private static final String N1 = "41793026727";
    private static final String N2 = "41793026728";
    private static final String N3 = "41793026729";

    InfobipProviderTest() {
        sim.infobip().addAccount(KEY, new BigDecimal("10")).rejectDestination("41793029999");
        sim.infobip().callbackDelay(Duration.ofMillis(20));
    }

    private String infobip(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:infobip/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl("infobip")).append("&provider.apiKey=RAW(").append(KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:infobip/deliveryReports?path=/infobip/reports&webhookVerifyToken=RAW("
                     + WEBHOOK_VERIFY_TOKEN + ")").to("mock:reports");
                from("sms:infobip/inbound?path=/infobip/inbound&webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")")
                        .to("mock:inbound");
            }
        };
    }

    private RecordedRequest lastSend() {
        List<RecordedRequest> sends = sim.requestsTo(SEND_PATH);
        assertThat(sends).isNotEmpty();
        return sends.get(sends.size() - 1);
    }

    // the wire

    @Test
    void aSendToManyIsOneRequestWithTheCallersBulkIdAndAMessageIdPerDestination() {
        Exchange exchange = call(infobip("send", "from=InfoSMS"), "Hello",
                Map.of(SmsConstants.TO, List.of("+" + N1, N2, "0041 79 302 67 29"), SmsConstants.REFERENCE, "order-42"));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = lastSend();
        assertThat(sim.requestsTo(SEND_PATH)).hasSize(1);
        assertThat(request.header("Authorization")).isEqualTo("App " + KEY);
        JsonNode message = request.json().get("messages").get(0);
        assertThat(message.get("sender").asText()).isEqualTo("InfoSMS");
        assertThat(message.get("content").get("text").asText()).isEqualTo("Hello");
        assertThat(message.get("destinations").toString()).isEqualTo("[{\"to\":\"" + N1 + "\",\"messageId\":"
                + "\"order-42-1\"},{\"to\":\"" + N2 + "\",\"messageId\":\"order-42-2\"},{\"to\":\"" + N3
                + "\",\"messageId\":\"order-42-3\"}]");
        assertThat(request.json().at("/options/schedule/bulkId").asText()).isEqualTo("order-42");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getMessageIds()).containsExactly("order-42-1", "order-42-2", "order-42-3");
        assertThat(exchange.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("order-42");
        assertThat(sim.specViolations()).isEmpty();
    }

    @Test
    void withoutAReferenceTheBulkIdComesFromTheExchangeAndIsOnTheExchangeBeforeSending() {
        Exchange exchange = call(infobip("send"), "Hello", Map.of(SmsConstants.TO, N1));

        String bulkId = "camel-" + exchange.getExchangeId();
        assertThat(lastSend().json().at("/options/schedule/bulkId").asText()).isEqualTo(bulkId);
        assertThat(lastSend().json().at("/messages/0/destinations/0/messageId").asText()).isEqualTo(bulkId + "-1");
        assertThat(exchange.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo(bulkId);
    }

    @Test
    void scheduleValidityFlashAndDeliveryUrlGoOnTheWireAsDocumented() {
        Exchange exchange = call(infobip("send", "flash=true", "validityPeriod=600",
                "callbackUrl=RAW(" + local("/infobip/reports") + ")", "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN
                                                                     + ")"),
                "Later", Map.of(SmsConstants.TO, N1, SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofDays(2))));
        assertThat(exchange.getException()).isNull();

        JsonNode body = lastSend().json();
        assertThat(body.at("/options/schedule/sendAt").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        assertThat(body.at("/messages/0/options/flash").asBoolean()).isTrue();
        assertThat(body.at("/messages/0/options/validityPeriod").toString())
                .isEqualTo("{\"amount\":600,\"timeUnit\":\"SECONDS\"}");
        assertThat(body.at("/messages/0/webhooks/delivery/url").asText())
                .isEqualTo(local("/infobip/reports") + "?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN);
        assertThat(sim.specViolations()).isEmpty();
    }

    @Test
    void whatInfobipWouldChangeSilentlyIsRefusedBeforeSending() {
        SmsValidationException validity = failure(SmsValidationException.class,
                infobip("send", "validityPeriod=172801"), "Hi", Map.of(SmsConstants.TO, N1));
        assertThat(validity.getMessage()).contains("validityPeriod").contains("48 hours");
        SmsValidationException schedule = failure(SmsValidationException.class, infobip("send"), "Hi",
                Map.of(SmsConstants.TO, N1, SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofDays(181))));
        assertThat(schedule.getMessage()).contains("180 days");
        SmsValidationException reference = failure(SmsValidationException.class, infobip("send"), "Hi",
                Map.of(SmsConstants.TO, N1, SmsConstants.REFERENCE, "has a space"));
        assertThat(reference.getMessage()).contains("bulkId");
        assertThat(sim.requests()).isEmpty();
    }

    // the answers

    @Test
    void aDestinationRejectedInsideThe200IsARejectionWithItsStatusName() {
        Exchange exchange = call(infobip("send"), "Hi", Map.of(SmsConstants.TO, List.of(N1, "41793029999")));

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo, SmsRecipientResult::getStatus,
                SmsRecipientResult::getErrorCode).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(N1, "PENDING_ACCEPTED", null),
                        org.assertj.core.groups.Tuple.tuple("41793029999", SmsRecipientResult.REJECTED,
                                "REJECTED_DESTINATION"));
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
    }

    @Test
    void bothErrorFormatsMapToTheirTypesAndCodes() {
        sim.inject(Fault.status(400, "{\"errorCode\":\"E400\",\"description\":\"Bad request\",\"violations\":"
                                     + "[{\"property\":\"messages[0].sender\",\"violation\":\"must be valid\"}]}"));
        SmsValidationException bad = failure(SmsValidationException.class, infobip("send"), "Hi",
                Map.of(SmsConstants.TO, N1));
        assertThat(bad.getProviderCode()).isEqualTo("E400");
        assertThat(bad.getMessage()).contains("messages[0].sender: must be valid");
        assertThat(bad.isInDoubt()).isFalse();

        SmsAuthenticationException v3 = failure(SmsAuthenticationException.class,
                infobip("send").replace(KEY, "wrong-key"), "Hi", Map.of(SmsConstants.TO, N1));
        assertThat(v3.getProviderCode()).isEqualTo("E401");
        SmsAuthenticationException legacy = failure(SmsAuthenticationException.class,
                infobip("credit").replace(KEY, "wrong-key"), null, Map.of());
        assertThat(legacy.getProviderCode()).isEqualTo("UNAUTHORIZED");
        assertThat(legacy.getMessage()).contains("Invalid login details");

        sim.inject(Fault.status(403, "{\"requestError\":{\"serviceException\":{\"messageId\":\"FORBIDDEN\","
                                     + "\"text\":\"Forbidden\"}}}"));
        assertThat(failure(SmsForbiddenException.class, infobip("credit"), null, Map.of()).getProviderCode())
                .isEqualTo("FORBIDDEN");
        sim.inject(Fault.status(429, "{\"errorCode\":\"E429\",\"description\":\"Too many requests sent.\"}",
                Map.of("Content-Type", "application/json", "Retry-After", "7")));
        SmsRateLimitException limited = failure(SmsRateLimitException.class, infobip("send", "retryAttempts=0"), "Hi",
                Map.of(SmsConstants.TO, N1));
        assertThat(limited.isRetryable()).isTrue();
        assertThat(limited.isInDoubt()).isFalse();
        assertThat(limited.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void noCreditForEveryDestinationIsAnInsufficientCreditFailure() {
        sim.infobip().account(KEY).balance(BigDecimal.ZERO);

        SmsInsufficientCreditException e = failure(SmsInsufficientCreditException.class, infobip("send"), "Hi",
                Map.of(SmsConstants.TO, List.of(N1, N2)));

        assertThat(e.getProviderCode()).isEqualTo("REJECTED_NOT_ENOUGH_CREDITS");
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void a2xxWithoutAMessageIdOrWithoutADestinationLeavesThemInDoubtWithOurIds() {
        sim.inject(Fault.status(200, "{\"bulkId\":\"b\",\"messages\":[{\"destination\":\"" + N1 + "\",\"status\":"
                                     + "{\"groupId\":1,\"groupName\":\"PENDING\",\"id\":26,\"name\":\"PENDING_ACCEPTED\"}},"
                                     + "{\"messageId\":\"x\",\"destination\":\"41700000000\",\"status\":{\"groupId\":1,"
                                     + "\"groupName\":\"PENDING\",\"id\":26,\"name\":\"PENDING_ACCEPTED\"}}]}")
                .onPath(SEND_PATH));

        Exchange exchange = call(infobip("send"), "Hi", Map.of(SmsConstants.TO, List.of(N1, N2),
                SmsConstants.REFERENCE, "b"));

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo, SmsRecipientResult::getStatus,
                SmsRecipientResult::getMessageId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(N1, SmsRecipientResult.IN_DOUBT, "b-1"),
                        org.assertj.core.groups.Tuple.tuple(N2, SmsRecipientResult.IN_DOUBT, "b-2"));
        assertThat(result.getRecipients().get(0).getErrorMessage()).contains("getMessage");
        assertThat(sim.requestsTo(SEND_PATH)).hasSize(1);
    }

    @Test
    void anUnreadable2xxOrA5xxIsInDoubtAndTheBulkIdIsOnTheExchange() {
        sim.inject(Fault.status(200, "{\"messages\":\"nope\"}").onPath(SEND_PATH));
        Exchange unreadable = call(infobip("send"), "Hi", Map.of(SmsConstants.TO, N1, SmsConstants.REFERENCE, "u-1"));
        assertThat(unreadable.getException()).isInstanceOf(SmsProviderException.class);
        assertThat(((SmsException) unreadable.getException()).isInDoubt()).isTrue();
        assertThat(unreadable.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("u-1");

        sim.inject(Fault.status(502, "<html>bad gateway</html>", Map.of("Content-Type", "text/html")));
        Exchange failed = call(infobip("send"), "Hi", Map.of(SmsConstants.TO, N1));
        SmsException e = (SmsException) failed.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(failed.getMessage().getHeader(SmsConstants.REFERENCE))
                .isEqualTo("camel-" + failed.getExchangeId());
        assertThat(sim.requestsTo(SEND_PATH)).hasSize(2);
    }

    @Test
    void aChunkThatFailsAfterAnotherWasAcceptedLeavesItsRecipientsInDoubtWithTheirIds() {
        // the first request is answered normally (a fault that changes nothing), the second with a 500
        sim.inject(Fault.delay(Duration.ZERO).onPath(SEND_PATH));
        sim.inject(Fault.status(500, "{\"errorCode\":\"E500\",\"description\":\"General error\"}").onPath(SEND_PATH));

        Exchange exchange = call(infobip("send", "maxRecipientsPerRequest=2"), "Hi",
                Map.of(SmsConstants.TO, List.of(N1, N2, N3), SmsConstants.REFERENCE, "c"));

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> sends = sim.requestsTo(SEND_PATH);
        assertThat(sends).extracting(r -> r.json().at("/options/schedule/bulkId").asText()).containsExactly("c-1",
                "c-2");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus, SmsRecipientResult::getMessageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PENDING_ACCEPTED", "c-1"),
                        org.assertj.core.groups.Tuple.tuple("PENDING_ACCEPTED", "c-2"),
                        org.assertj.core.groups.Tuple.tuple(SmsRecipientResult.IN_DOUBT, "c-3"));
    }

    @Test
    void absurdValuesInAnAnswerStayInsideTheTaxonomy() {
        sim.inject(Fault.status(200, "{\"balance\":1e999999999,\"currency\":\"EUR\"}"));
        SmsProviderException balance = failure(SmsProviderException.class, infobip("credit", "retryAttempts=0"),
                null, Map.of());
        assertThat(balance.isInDoubt()).as("a read").isFalse();

        sim.inject(Fault.status(200, "{\"results\":[{\"messageId\":\"m\",\"destination\":\"" + N1 + "\","
                                     + "\"messageCount\":99999999999}]}"));
        assertThat(failure(SmsProviderException.class, infobip("getMessage", "retryAttempts=0"), null,
                Map.of(SmsConstants.MESSAGE_ID, "m")).getMessage()).contains("messageCount");
    }

    // the other operations

    @Test
    void creditGetMessageCancelAndListMessagesReadTheirDocumentedAnswers() {
        assertThat(call(infobip("credit"), null, Map.of()).getMessage().getBody(BigDecimal.class))
                .isEqualByComparingTo("10");
        assertThat(call(infobip("credit"), null, Map.of()).getMessage().getHeader(SmsConstants.CURRENCY))
                .isEqualTo("EUR");

        call(infobip("send"), "Now", Map.of(SmsConstants.TO, N1, SmsConstants.REFERENCE, "now-1"));
        Exchange got = call(infobip("getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, "now-1-1"));
        SmsMessage message = got.getMessage().getBody(SmsMessage.class);
        assertThat(message.getSid()).isEqualTo("now-1-1");
        assertThat(message.getTo()).isEqualTo(N1);
        assertThat(message.getBody()).isEqualTo("Now");
        assertThat(failure(SmsNotFoundException.class, infobip("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "never-sent")).isRetryable()).isFalse();

        call(infobip("send"), "Later", Map.of(SmsConstants.TO, List.of(N1, N2), SmsConstants.REFERENCE, "later-1",
                SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofDays(1))));
        assertThat(call(infobip("listMessages"), null, Map.of(SmsConstants.REFERENCE, "later-1")).getMessage()
                .getBody(List.class)).hasSize(2);
        Exchange canceled = call(infobip("cancelScheduled"), null, Map.of(SmsConstants.REFERENCE, "later-1"));
        assertThat(canceled.getMessage().getBody(String.class)).isEqualTo("CANCELED");
        assertThat(sim.infobip().account(KEY).bulkStatus("later-1")).isEqualTo("CANCELED");
        assertThat(call(infobip("listMessages"), null, Map.of(SmsConstants.REFERENCE, "later-1")).getMessage()
                .getBody(List.class)).isEmpty();
        SmsNotFoundException unknown = failure(SmsNotFoundException.class, infobip("cancelScheduled"), null,
                Map.of(SmsConstants.REFERENCE, "no-such-bulk"));
        assertThat(unknown.getProviderCode()).isEqualTo("NOT_FOUND");
        assertThat(sim.specViolations()).isEmpty();
    }

    // webhooks

    @Test
    void oneRequestWithSeveralReportsIsOneExchangeWithAListAndTheBodyConformsToTheDocument() throws Exception {
        MockEndpoint reports = getMockEndpoint("mock:reports");

        call(infobip("send", "callbackUrl=RAW(" + local("/infobip/reports") + ")",
                "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")"), "Hi",
                Map.of(SmsConstants.TO, List.of(N1, "41793020000")));

        await().atMost(Duration.ofSeconds(10)).until(() -> reports.getExchanges().size() == 1);
        List<?> body = reports.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(body).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(DeliveryReport.class));
        assertThat(body).extracting(r -> ((DeliveryReport) r).getStatus())
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.UNDELIVERED);
        assertThat(((DeliveryReport) body.get(1)).getErrorCode()).isEqualTo("EC_UNKNOWN_SUBSCRIBER");
        assertThat(sim.callbacks()).hasSize(1).allSatisfy(c -> InfobipOpenApi.assertWebhookConforms(false, c.json()));
    }

    @Test
    void anInboundMessageIsRoutedOnceAndAMalformedOneIsRefused() throws Exception {
        MockEndpoint inbound = getMockEndpoint("mock:inbound");
        sim.callbackRepeats(2);

        sim.infobip().receive(local("/infobip/inbound?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN), "385916242493",
                "385921004026", "QUIZ Paris");

        await().atMost(Duration.ofSeconds(10)).until(() -> sim.callbackStatuses().size() == 2);
        assertThat(inbound.getExchanges()).hasSize(1);
        InboundSms sms = inbound.getExchanges().get(0).getMessage().getBody(InboundSms.class);
        assertThat(sms.getFrom()).isEqualTo("385916242493");
        assertThat(sms.getBody()).isEqualTo("QUIZ Paris");
        assertThat(sim.callbacks()).allSatisfy(c -> InfobipOpenApi.assertWebhookConforms(true, c.json()));

        assertThat(postJson(local("/infobip/inbound?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN),
                "{\"results\":[]}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(postJson(local("/infobip/inbound"), "{\"results\":[{\"messageId\":\"1\",\"from\":\"1\"}]}",
                Map.of()).statusCode()).isEqualTo(403);
        assertThat(inbound.getExchanges()).hasSize(1);
    }

    @Test
    void aWebhookWithMoreResultsThanAnyBucketIsRefusedWithoutRouting() throws Exception {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            results.append(i == 0 ? "" : ",").append("{\"messageId\":\"m").append(i).append("\",\"to\":\"")
                    .append(N1).append("\",\"status\":{\"groupId\":3,\"groupName\":\"DELIVERED\",\"id\":5,"
                                       + "\"name\":\"DELIVERED_TO_HANDSET\"}}");
        }
        assertThat(postJson(local("/infobip/reports?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN),
                "{\"results\":[" + results + "]}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(getMockEndpoint("mock:reports").getExchanges()).isEmpty();
    }
}
