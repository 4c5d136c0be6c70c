package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CpsmsSendTest extends SmsTestSupport {

    @Test
    void sendsOneMessageWithEveryField() {
        Instant at = Instant.now().plusSeconds(3600);
        Exchange exchange = call(cpsms("send", "encoding=ISO-8859-1", "callbackUrl=http://127.0.0.1:1/dlr?ref=A1",
                "flash=true"), "Hej fra Camel æøå", Map.of(
                        SmsConstants.TO, "+45 22 33 44 88", SmsConstants.FROM, "MyShop",
                        SmsConstants.SCHEDULED_AT, at, SmsConstants.REFERENCE, "order-17"));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = sim.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/send");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.basicUser()).isEqualTo(USER);
        JsonNode json = request.json();
        assertThat(json.get("to").asText()).isEqualTo("4522334488");
        assertThat(json.get("message").asText()).isEqualTo("Hej fra Camel æøå");
        assertThat(json.get("from").asText()).isEqualTo("MyShop");
        assertThat(json.get("timestamp").asLong()).isEqualTo(at.getEpochSecond());
        assertThat(json.get("encoding").asText()).isEqualTo("ISO-8859-1");
        // the reference goes into dlr_url too, so that the delivery-report consumer can correlate
        assertThat(json.get("dlr_url").asText()).isEqualTo("http://127.0.0.1:1/dlr?ref=A1&reference=order-17");
        assertThat(json.get("flash").asInt()).isEqualTo(1);
        assertThat(json.get("reference").asText()).isEqualTo("order-17");

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getProvider()).isEqualTo("cpsms");
        assertThat(result.getAcceptedCount()).isEqualTo(1);
        assertThat(result.getRejectedCount()).isZero();
        assertThat(result.getRecipients().get(0).getTo()).isEqualTo("4522334488");
        assertThat(result.getRecipients().get(0).getCost()).isEqualByComparingTo("1");
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(SmsConstants.PROVIDER, "cpsms")
                .containsEntry(SmsConstants.OPERATION, "send")
                .containsEntry(SmsConstants.STATUS, "ACCEPTED")
                .containsEntry(SmsConstants.ACCEPTED_COUNT, 1)
                .containsEntry(SmsConstants.REJECTED_COUNT, 0)
                .containsEntry(SmsConstants.ENCODING, "GSM7")
                .containsEntry(SmsConstants.SEGMENTS, 1)
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200);
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("1");
        assertThat(sim.cpsms().account(USER).messages()).singleElement()
                .satisfies(m -> assertThat(m.sendAt().getEpochSecond()).isEqualTo(at.getEpochSecond()));
    }

    @Test
    void numericSendersGoWithoutThePlusAndAlphanumericOnesAsWritten() {
        for (String[] sender : new String[][] { { "+4512345678", "4512345678" }, { "12345678901234567890",
                "12345678901234567890" }, { "My Shop 1", "My Shop 1" }, { "ABCDEFGHIJK", "ABCDEFGHIJK" } }) {
            Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488",
                    SmsConstants.FROM, sender[0]));

            assertThat(exchange.getException()).isNull();
            assertThat(sim.lastRequest().json().get("from").asText()).isEqualTo(sender[1]);
        }
    }

    @Test
    void sendsToSeveralRecipientsAsAnArrayAndUsesTheDefaultSenderOption() {
        Exchange exchange = call(cpsms("send", "from=Shop"), "Hi", Map.of(SmsConstants.TO, List.of("4522334488",
                "+46 70 123 45 67")));

        assertThat(exchange.getException()).isNull();
        JsonNode json = sim.lastRequest().json();
        assertThat(json.get("to").isArray()).isTrue();
        assertThat(json.get("to")).extracting(JsonNode::asText).containsExactly("4522334488", "46701234567");
        assertThat(json.get("from").asText()).isEqualTo("Shop");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getAcceptedCount()).isEqualTo(2);
        assertThat(result.getTotalCost()).isEqualByComparingTo("2.6");
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("2.6");
    }

    @Test
    void toOptionAndCommaSeparatedHeaderBothWork() {
        call(cpsms("send", "to=4522334488,4522334489"), "Hi", Map.of());
        assertThat(sim.lastRequest().json().get("to")).hasSize(2);

        call(cpsms("send", "to=4522334488"), "Hi", Map.of(SmsConstants.TO, "4511111111, 4522222222"));
        assertThat(sim.lastRequest().json().get("to")).extracting(JsonNode::asText)
                .containsExactly("4511111111", "4522222222");
    }

    @Test
    void partialResultListsRejectedRecipients() {
        sim.cpsms().account(USER).rejectRecipient("4522000099", "Phone number length and country code do not match.");
        Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488,4522000099"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(207);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getAcceptedCount()).isEqualTo(1);
        assertThat(result.getRejectedCount()).isEqualTo(1);
        assertThat(result.getRecipients()).filteredOn(r -> !r.isAccepted()).singleElement().satisfies(r -> {
            assertThat(r.getTo()).isEqualTo("4522000099");
            assertThat(r.getErrorCode()).isEqualTo("400");
            assertThat(r.getErrorMessage()).contains("country code");
        });
        assertThat(exchange.getMessage().getHeaders()).containsEntry(SmsConstants.STATUS, "PARTIAL")
                .containsEntry(SmsConstants.ACCEPTED_COUNT, 1).containsEntry(SmsConstants.REJECTED_COUNT, 1);
    }

    @Test
    void partialResultThrowsWhenAsked() {
        sim.cpsms().account(USER).rejectRecipient("4522000099", "Phone number length and country code do not match.");
        SmsPartialFailureException e = failure(SmsPartialFailureException.class,
                cpsms("send", "failOnPartialFailure=true"), "Hi", Map.of(SmsConstants.TO, "4522334488,4522000099"));

        assertThat(e.getResult().getAcceptedCount()).isEqualTo(1);
        assertThat(e.getResult().getRejectedCount()).isEqualTo(1);
        assertThat(e.getStatusCode()).isEqualTo(207);
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("4522000099").contains("do not resend");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void sendGroupSendsToTheGroupsContacts() {
        var account = sim.cpsms().account(USER);
        call(cpsms("createGroup"), null, Map.of(SmsConstants.GROUP_NAME, "Team"));
        String groupId = account.groups().keySet().iterator().next().toString();
        call(cpsms("createContact"), null, Map.of(SmsConstants.GROUP_ID, groupId, SmsConstants.PHONE_NUMBER,
                "4522334488", SmsConstants.CONTACT_NAME, "Ann"));
        call(cpsms("createContact"), null, Map.of(SmsConstants.GROUP_ID, groupId, SmsConstants.PHONE_NUMBER,
                "4522334489"));

        Exchange exchange = call(cpsms("sendGroup"), "Meeting at 10", Map.of(SmsConstants.GROUP_ID, groupId));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = sim.lastRequest();
        assertThat(request.path()).isEqualTo("/sendgroup");
        assertThat(request.json().get("to_group").isInt()).isTrue();
        assertThat(request.json().get("to_group").asText()).isEqualTo(groupId);
        assertThat(request.json().has("to")).isFalse();
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getRecipients())
                .extracting(r -> r.getTo()).containsExactlyInAnyOrder("4522334488", "4522334489");
    }

    @Test
    void scheduledMessageCanBeCancelledByReference() {
        call(cpsms("send"), "Later", Map.of(SmsConstants.TO, "4522334488", SmsConstants.REFERENCE, "batch-9",
                SmsConstants.SCHEDULED_AT, Instant.now().plusSeconds(7200).getEpochSecond()));
        assertThat(sim.cpsms().account(USER).messages()).hasSize(1);

        Exchange exchange = call(cpsms("cancelScheduled"), null, Map.of(SmsConstants.REFERENCE, "batch-9"));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.lastRequest().path()).isEqualTo("/deletesms/batch-9");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("SMS(s) deleted");
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("SMS(s) deleted");
        assertThat(sim.cpsms().account(USER).messages()).isEmpty();

        SmsNotFoundException again = failure(SmsNotFoundException.class, cpsms("cancelScheduled", "reference=batch-9"),
                null, Map.of());
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getMessage()).contains("batch-9");
    }

    @Test
    void deliveryReportReachesTheCallbackUrl() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            call(cpsms("send", "callbackUrl=" + receiver.url() + "/dlr?ref=77"), "Hi",
                    Map.of(SmsConstants.TO, "4522334488,4599887766"));

            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received()).extracting(RecordedRequest::query).containsExactlyInAnyOrder(
                    "ref=77&status=1&receiver=4522334488", "ref=77&status=2&receiver=4599887766");
        }
    }
}
