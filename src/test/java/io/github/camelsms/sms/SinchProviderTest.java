package io.github.camelsms.sms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.*;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.provider.sinch.SinchBatch;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sinch producer over loopback against its simulation: what goes on the wire (every request is also checked
 * against the schema written from Sinch's documents), each documented error on the exception taxonomy, and hostile
 * answers kept inside it.
 */
class SinchProviderTest extends SinchTestSupport {

    private static final List<String> THREE = List.of("+4520000001", "+4520000002", "+4520000003");

    private List<RecordedRequest> batchPosts() {
        return sim.requests(r -> r.method().equals("POST") && r.path().endsWith("/batches"));
    }

    // the wire

    @Test
    void aSendToManyIsOneBatchWithEveryInputOnTheWire() {
        Instant at = Instant.now().plusSeconds(3600);
        Exchange exchange = call(sinch("send", "from=MyShop", "callbackUrl=https://example.com/dlr",
                "reference=order-1"), "Hello", Map.of(SmsConstants.TO, THREE, SmsConstants.SCHEDULED_AT, at));

        assertThat(exchange.getException()).isNull();
        RecordedRequest post = batchPosts().get(0);
        assertThat(post.path()).isEqualTo("/xms/v1/" + PLAN + "/batches");
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + SINCH_TOKEN);
        JsonNode json = post.json();
        assertThat(json.get("to")).extracting(JsonNode::asText).containsExactlyElementsOf(THREE);
        assertThat(json.get("from").asText()).isEqualTo("MyShop");
        assertThat(json.get("body").asText()).isEqualTo("Hello");
        assertThat(json.get("send_at").asText()).isEqualTo(at.toString());
        assertThat(json.get("callback_url").asText()).isEqualTo("https://example.com/dlr");
        assertThat(json.get("delivery_report").asText()).as("asked for with a callbackUrl").isEqualTo("per_recipient");
        assertThat(json.get("client_reference").asText()).isEqualTo("order-1");
        String batchId = sim.sinch().servicePlan(PLAN).batches().get(0).id();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(THREE);
        assertThat(result.getRecipients()).allSatisfy(r -> {
            assertThat(r.isAccepted()).isTrue();
            assertThat(r.getMessageId()).as("every recipient under the one batch id").isEqualTo(batchId);
            assertThat(r.getStatus()).isEqualTo("scheduled");
        });
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class)).containsOnly(batchId);
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_ID)).as("for cancelScheduled")
                .isEqualTo(batchId);
    }

    @Test
    void moreRecipientsThanMaxRecipientsPerRequestGoAsBatchesInInputOrder() {
        List<String> five = List.of("+4520000001", "+4520000002", "+4520000003", "+4520000004", "+4520000005");

        Exchange exchange = call(sinch("send", "maxRecipientsPerRequest=2", "provider.deliveryReport=none"), "Hi",
                Map.of(SmsConstants.TO, five));

        assertThat(exchange.getException()).isNull();
        assertThat(batchPosts()).extracting(r -> r.json().get("to").size()).containsExactly(2, 2, 1);
        assertThat(batchPosts()).allSatisfy(r -> assertThat(r.json().get("delivery_report").asText())
                .isEqualTo("none"));
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getRecipients())
                .extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(five);
        List<?> ids = exchange.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class);
        assertThat(ids).doesNotContainNull().hasSize(5);
        assertThat(ids.stream().distinct()).as("one batch id per request").hasSize(3);
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_ID)).as("no one batch id").isNull();
    }

    @Test
    void inputsSinchCannotTakeAreRefusedWithNothingSent() {
        assertThat(failure(SmsValidationException.class, sinch("send"), "x".repeat(2001),
                Map.of(SmsConstants.TO, THREE)).getField()).isEqualTo("body");
        assertThat(failure(SmsValidationException.class, sinch("send"), "Hi", Map.of(SmsConstants.TO, THREE,
                SmsConstants.SCHEDULED_AT, Instant.now().minusSeconds(60))).getField())
                .isEqualTo(SmsConstants.SCHEDULED_AT);
        assertThat(failure(SmsValidationException.class, sinch("send", "from=Far-too-long-sender"), "Hi",
                Map.of(SmsConstants.TO, THREE)).getField()).isEqualTo("from");
        assertThat(failure(SmsValidationException.class, sinch("send", "maxRecipientsPerRequest=1001"), "Hi",
                Map.of(SmsConstants.TO, THREE)).getMessage()).contains("maxRecipientsPerRequest");
        assertThat(failure(SmsValidationException.class, sinch("send", "provider.region=mars"), "Hi",
                Map.of(SmsConstants.TO, THREE)).getMessage()).contains("provider.region");
        assertThat(failure(SmsValidationException.class, sinch("send", "provider.deliveryReport=all"), "Hi",
                Map.of(SmsConstants.TO, THREE)).getMessage()).contains("provider.deliveryReport");
        assertThat(failure(SmsValidationException.class, sinch("send").replace("provider.servicePlanId=" + PLAN,
                "provider.servicePlanId=a/b"), "Hi", Map.of(SmsConstants.TO, THREE)).getMessage())
                .contains("provider.servicePlanId");
        assertThat(failure(SmsValidationException.class, sinch("send"), "Hi", Map.of(SmsConstants.TO, THREE,
                SmsConstants.FLASH, true)).getMessage()).as("a header Sinch does not honour")
                .contains(SmsConstants.FLASH);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void theRegionPicksTheHost() {
        // no baseUrl: the endpoint's base URL is the region's host (nothing is sent: the endpoint is only built)
        SmsEndpoint endpoint = context.getEndpoint("sms:sinch/send?provider.servicePlanId=" + PLAN
                                                   + "&provider.token=RAW(t)&provider.region=eu", SmsEndpoint.class);
        assertThat(endpoint.effectiveBaseUrl()).isEqualTo("https://eu.sms.api.sinch.com");
    }

    // documented errors

    @Test
    void aWrongTokenIsAnAuthenticationFailure() {
        SmsAuthenticationException e = failure(SmsAuthenticationException.class,
                sinch("send").replace(SINCH_TOKEN, "wrong"), "Hi", Map.of(SmsConstants.TO, THREE));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void aBlockedAccountIsForbiddenWithSinchsCode() {
        sim.sinch().servicePlan(PLAN).blocked(true);

        SmsForbiddenException e = failure(SmsForbiddenException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, THREE));

        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getProviderCode()).isEqualTo("blocked_account");
        assertThat(e.getMessage()).contains("out of credit");
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void throttlingIsARetryableRateLimit() {
        sim.sinch().servicePlan(PLAN).throttled(true);

        SmsRateLimitException e = failure(SmsRateLimitException.class, sinch("send", "retryAttempts=0"), "Hi",
                Map.of(SmsConstants.TO, THREE));

        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("Too Many Requests");
    }

    @Test
    void aRefusedRequestIsAValidationFailureInEitherErrorShape() {
        sim.inject(Fault.status(400, "{\"code\":\"syntax_constraint_violation\",\"text\":\"body is required\"}"));
        sim.inject(Fault.status(400, "{\"error\":{\"code\":400,\"message\":\"parsing field \\\"type\\\"\","
                                     + "\"status\":\"INVALID_ARGUMENT\",\"details\":[]}}"));

        SmsValidationException first = failure(SmsValidationException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, THREE));
        SmsValidationException second = failure(SmsValidationException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, THREE));

        assertThat(first.getProviderCode()).isEqualTo("syntax_constraint_violation");
        assertThat(first.getMessage()).contains("body is required");
        assertThat(second.getProviderCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(second.getMessage()).contains("parsing field");
        assertThat(first.isInDoubt()).isFalse();
    }

    @Test
    void anUnknownBatchIsNotFound() {
        SmsNotFoundException e = failure(SmsNotFoundException.class, sinch("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "01FC66621XXXXX119Z8PMV1QPQ"));

        assertThat(e.getStatusCode()).isEqualTo(404);
    }

    // hostile answers

    @Test
    void aServerErrorOnASendIsInDoubtAndNeverRetried() {
        sim.inject(Fault.status(503, "{\"error\":{\"code\":503,\"message\":\"busy\"}}"), 3);

        SmsProviderException e = failure(SmsProviderException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, THREE));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(batchPosts()).hasSize(1);
    }

    @Test
    void aCreatedAnswerWithoutABatchIdIsInDoubt() {
        sim.inject(Fault.status(201, "{\"to\":[\"4520000001\"],\"canceled\":false}"));

        SmsProviderException e = failure(SmsProviderException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4520000001")));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getMessage()).contains("no batch id");
    }

    @Test
    void anAbsurdBatchIdIsUnreadableAndInDoubt() {
        sim.inject(Fault.status(201, "{\"id\":\"" + "A".repeat(5000) + "\",\"to\":[\"4520000001\"]}"));

        SmsProviderException e = failure(SmsProviderException.class, sinch("send"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4520000001")));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getMessage()).doesNotContain("A".repeat(300));
    }

    @Test
    void aRecipientTheAnswerDoesNotEchoIsInDoubtAndAStrangerIsNotReported() {
        sim.inject(Fault.status(201, "{\"id\":\"01FC66621XXXXX119Z8PMV1QPQ\",\"to\":[\"4520000001\","
                                     + "\"+4520000003\",\"4599999999\"]}"));

        Exchange exchange = call(sinch("send"), "Hi", Map.of(SmsConstants.TO, THREE));

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(exchange.getException()).isNull();
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo, SmsRecipientResult::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("+4520000001", "queued"),
                        org.assertj.core.groups.Tuple.tuple("+4520000002", SmsRecipientResult.IN_DOUBT),
                        org.assertj.core.groups.Tuple.tuple("+4520000003", "queued"));
        assertThat(result.getRecipients().get(1).getMessageId()).as("the batch to check")
                .isEqualTo("01FC66621XXXXX119Z8PMV1QPQ");
    }

    @Test
    void aFailedSecondBatchLeavesTheFirstAcceptedAndTheRestNotSent() {
        // the first batch is answered, the second fails with a 500, the third is never sent
        sim.inject(Fault.delay(java.time.Duration.ZERO));
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}"));

        Exchange exchange = call(sinch("send", "maxRecipientsPerRequest=1", "failOnPartialFailure=true"), "Hi",
                Map.of(SmsConstants.TO, THREE));

        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e).isNotNull();
        assertThat(e.getResult().getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("queued", SmsRecipientResult.IN_DOUBT, SmsRecipientResult.NOT_SENT);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(batchPosts()).hasSize(2);
    }

    // batches

    @Test
    void aScheduledBatchIsReadAndCancelled() {
        Exchange sent = call(sinch("send"), "Later", Map.of(SmsConstants.TO, THREE, SmsConstants.SCHEDULED_AT,
                Instant.now().plusSeconds(3600)));
        String id = sent.getMessage().getBody(SmsSendResult.class).getRecipients().get(0).getMessageId();

        Exchange read = call(sinch("getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, id));
        Exchange canceled = call(sinch("cancelScheduled"), null, Map.of(SmsConstants.MESSAGE_ID, id));

        SinchBatch batch = read.getMessage().getBody(SinchBatch.class);
        assertThat(batch.getId()).isEqualTo(id);
        assertThat(batch.getTo()).containsExactlyElementsOf(THREE);
        assertThat(read.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("scheduled");
        assertThat(canceled.getMessage().getBody(SinchBatch.class).isCanceled()).isTrue();
        assertThat(canceled.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("canceled");
        assertThat(sim.sinch().servicePlan(PLAN).batches().get(0).canceled()).isTrue();
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void listMessagesFollowsPagesUpToMaxResultsAndFilters() {
        for (int i = 0; i < 5; i++) {
            call(sinch("send"), "Hi " + i, Map.of(SmsConstants.TO, List.of("+4520000001"), SmsConstants.REFERENCE,
                    i < 4 ? "campaign" : "other"));
        }
        sim.clearRequests();

        Exchange exchange = call(sinch("listMessages", "pageSize=2", "maxResults=3"), null,
                Map.of(SmsConstants.REFERENCE, "campaign"));

        @SuppressWarnings("unchecked")
        List<SinchBatch> batches = exchange.getMessage().getBody(List.class);
        assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b.getClientReference()).isEqualTo("campaign"));
        assertThat(sim.requests()).extracting(RecordedRequest::query)
                .containsExactly("page=0&page_size=2&client_reference=campaign",
                        "page=1&page_size=2&client_reference=campaign");
    }
}
