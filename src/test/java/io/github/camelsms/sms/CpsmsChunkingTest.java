package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CPSMS send to more recipients than maxRecipientsPerRequest goes out as several requests, merged in order. */
class CpsmsChunkingTest extends SmsTestSupport {

    CpsmsChunkingTest() {
        // the fourth recipient is valid for the component but refused by the provider: a per-recipient rejection
        sim.cpsms().account(USER).rejectRecipient("4520000004", "Phone number length and country code do not match.");
    }

    private static final List<String> SEVEN = List.of("4520000001", "4520000002", "4520000003", "4520000004",
            "4520000005", "4520000006", "4520000007");

    @Test
    void splitsRecipientsIntoRequestsOfAtMostMaxRecipientsPerRequestAndMergesInInputOrder() {
        Exchange exchange = call(cpsms("send", "maxRecipientsPerRequest=3"), "Hi", Map.of(SmsConstants.TO, SEVEN));

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> requests = sim.requestsTo("/send");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).json().get("to")).extracting(JsonNode::asText)
                .containsExactly("4520000001", "4520000002", "4520000003");
        assertThat(requests.get(1).json().get("to")).extracting(JsonNode::asText)
                .containsExactly("4520000004", "4520000005", "4520000006");
        assertThat(requests.get(2).json().get("to").isTextual()).as("a lone recipient goes as a string").isTrue();
        assertThat(requests.get(2).json().get("to").asText()).isEqualTo("4520000007");
        assertThat(requests).allSatisfy(r -> assertThat(r.json().get("message").asText()).isEqualTo("Hi"));

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        // CPSMS lists the rejected number after the accepted ones; the merged result follows the input
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(SEVEN);
        assertThat(result.getRecipients().get(3).isAccepted()).isFalse();
        assertThat(result.getRecipients().get(3).getErrorCode()).isEqualTo("400");
        assertThat(result.getAcceptedCount()).isEqualTo(6);
        assertThat(exchange.getMessage().getHeaders()).containsEntry(SmsConstants.STATUS, "PARTIAL")
                .containsEntry(SmsConstants.ACCEPTED_COUNT, 6).containsEntry(SmsConstants.REJECTED_COUNT, 1)
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200);
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("6");
        assertThat(sim.cpsms().account(USER).messages()).hasSize(6);
    }

    @Test
    void defaultLimitIs500RecipientsPerRequest() {
        List<String> numbers = numbers(501);
        Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, numbers));

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> requests = sim.requestsTo("/send");
        assertThat(requests).extracting(r -> r.json().get("to").isArray() ? r.json().get("to").size() : 1)
                .containsExactly(500, 1);
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getRecipients())
                .extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
    }

    @Test
    void serverErrorOnALaterRequestLeavesItsRecipientsInDoubtAndSendsNoMore() {
        sim.inject(Fault.delay(java.time.Duration.ZERO)).inject(Fault.status(500,
                "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"));

        Exchange exchange = call(cpsms("send", "maxRecipientsPerRequest=3"), "Hi", Map.of(SmsConstants.TO, SEVEN));

        assertThat(exchange.getException()).as("the first recipients were sent: the result says who").isNull();
        assertThat(sim.requestsTo("/send")).hasSize(2);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(SEVEN);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus).containsExactly(
                "accepted", "accepted", "accepted", "in-doubt", "in-doubt", "in-doubt", "not-sent");
        assertThat(result.getRecipients().get(3).getErrorCode()).isEqualTo("500");
        assertThat(result.getRecipients().get(6).getErrorMessage()).contains("not sent");
        assertThat(result.getAcceptedCount()).isEqualTo(3);
        assertThat(exchange.getMessage().getHeaders()).containsEntry(SmsConstants.STATUS, "PARTIAL")
                .containsEntry(SmsConstants.REJECTED_COUNT, 4);
        assertThat(sim.cpsms().account(USER).messages()).hasSize(3);
    }

    @Test
    void failOnPartialFailureThrowsWithTheMergedResultAndTheInDoubtFlag() {
        sim.inject(Fault.delay(java.time.Duration.ZERO)).inject(Fault.status(500,
                "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"));

        SmsPartialFailureException e = failure(SmsPartialFailureException.class,
                cpsms("send", "maxRecipientsPerRequest=3", "failOnPartialFailure=true"), "Hi",
                Map.of(SmsConstants.TO, SEVEN));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.getResult().getAcceptedCount()).isEqualTo(3);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void definiteFailureOnALaterRequestMarksItsRecipientsFailedNotInDoubt() {
        sim.inject(Fault.delay(java.time.Duration.ZERO)).inject(Fault.status(402,
                "{\"error\":{\"code\":402,\"message\":\"Not enough credit\"}}"));

        SmsPartialFailureException e = failure(SmsPartialFailureException.class,
                cpsms("send", "maxRecipientsPerRequest=3", "failOnPartialFailure=true"), "Hi",
                Map.of(SmsConstants.TO, SEVEN));

        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getResult().getRecipients()).extracting(SmsRecipientResult::getStatus).containsExactly(
                "accepted", "accepted", "accepted", "failed", "failed", "failed", "not-sent");
        assertThat(sim.requestsTo("/send")).hasSize(2);
    }

    @Test
    void failureOfTheFirstRequestIsThrownAsItIsAndNothingMoreIsSent() {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"));

        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", "maxRecipientsPerRequest=3"),
                "Hi", Map.of(SmsConstants.TO, SEVEN));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.cpsms().account(USER).messages()).isEmpty();
    }

    @Test
    void maxRecipientsPerRequestBelowOneFailsWhenTheRouteStarts() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to(cpsms("send", "maxRecipientsPerRequest=0"));
            }
        })).rootCause().isInstanceOf(SmsValidationException.class)
                .satisfies(t -> assertThat(((SmsValidationException) t).getField())
                        .isEqualTo("maxRecipientsPerRequest"));
        assertThat(sim.requests()).isEmpty();
    }

    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(String.valueOf(4520000000L + i));
        }
        return numbers;
    }
}
