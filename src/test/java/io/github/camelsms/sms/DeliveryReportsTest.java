package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery reports end to end: the producer sends through the simulator with a callback URL, the simulator posts the
 * reports over HTTP to the consumer on the platform-http server, and the route receives DeliveryReport bodies.
 */
class DeliveryReportsTest extends WebhookTestSupport {

    private final MemoryIdempotentRepository sharedRepository = new MemoryIdempotentRepository();
    private final AtomicInteger failuresToInject = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        context.getRegistry().bind("sharedRepository", sharedRepository);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:cpsms/deliveryReports?path=/sms/cpsms/dlr&webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")")
                        .process(e -> {
                            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new IllegalStateException("route failure (injected)");
                            }
                        })
                        .to("mock:cpsms");
                from("sms:twilio/deliveryReports?path=/sms/twilio/status&authToken=RAW(" + AUTH_TOKEN
                     + ")&idempotentRepository=#sharedRepository")
                        .to("mock:twilio");
                from("sms:twilio/deliveryReports?path=/sms/twilio/forged&authToken=RAW(not-the-auth-token)")
                        .to("mock:forged");
                from("sms:signalwire/deliveryReports?path=/sms/sw/status&secretKey=RAW(" + SIGNING_KEY
                     + ")&publicBaseUrl=https://sms.example.com/app")
                        .to("mock:proxied");
            }
        };
    }

    // CPSMS

    @Test
    void cpsmsReportsOfASendReachTheRouteWithStatusRecipientAndReference() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(2);

        Exchange sent = call(cpsms("send", "callbackUrl=" + local("/sms/cpsms/dlr?orderId=42"),
                "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")"), "Your order shipped",
                Map.of(SmsConstants.TO, "+4522334488,+4599887766", SmsConstants.REFERENCE, "order-42"));

        assertThat(sent.getException()).isNull();
        String dlrUrl = sim.lastRequest().json().get("dlr_url").asText();
        assertThat(dlrUrl).isEqualTo(local("/sms/cpsms/dlr?orderId=42&reference=order-42&webhookVerifyToken="
                                           + WEBHOOK_VERIFY_TOKEN));
        mock.assertIsSatisfied(5000);
        Map<String, DeliveryReport> byRecipient = new java.util.HashMap<>();
        for (Exchange e : mock.getExchanges()) {
            DeliveryReport report = e.getMessage().getBody(DeliveryReport.class);
            byRecipient.put(report.getRecipient(), report);
            assertThat(e.getMessage().getHeader(SmsConstants.TO)).isEqualTo(report.getRecipient());
            assertThat(e.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo(report.getStatus().name());
            assertThat(e.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("order-42");
            assertThat(e.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo("cpsms");
            assertThat(e.getMessage().getHeader("webhookVerifyToken")).isNull();
            assertThat(e.getMessage().getHeader("orderId")).isEqualTo("42");
        }
        DeliveryReport delivered = byRecipient.get("4522334488");
        assertThat(delivered.getProvider()).isEqualTo("cpsms");
        assertThat(delivered.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.getRawStatus()).isEqualTo("1");
        assertThat(delivered.getReference()).isEqualTo("order-42");
        assertThat(delivered.getMessageId()).isNull();
        assertThat(delivered.getReceivedAt()).isNotNull();
        assertThat(delivered.getParameters()).containsEntry("orderId", "42").doesNotContainKey("webhookVerifyToken");
        assertThat(byRecipient.get("4599887766").getStatus()).isEqualTo(DeliveryStatus.FAILED);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 2);
        assertThat(sim.callbackStatuses()).containsOnly(200);
    }

    @Test
    void cpsmsCallbackWithoutTheRightTokenGets403AndIsNotRouted() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(0);

        HttpResponse<String> wrong = get(local("/sms/cpsms/dlr?status=1&receiver=4522334488&webhookVerifyToken=guess"));
        HttpResponse<String> missing = get(local("/sms/cpsms/dlr?status=1&receiver=4522334488"));
        HttpResponse<String> twice = get(local("/sms/cpsms/dlr?status=1&receiver=4522334488&webhookVerifyToken=guess"
                                               + "&webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN));

        assertThat(List.of(wrong.statusCode(), missing.statusCode(), twice.statusCode())).containsOnly(403);
        assertThat(wrong.body()).doesNotContain(WEBHOOK_VERIFY_TOKEN);
        mock.assertIsSatisfied();
    }

    @Test
    void cpsmsCallbackByGetIsAcceptedAndOneWithoutStatusGets400() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(1);

        HttpResponse<String> ok = get(local("/sms/cpsms/dlr?ref=A&status=3&receiver=4522334488&webhookVerifyToken="
                                            + WEBHOOK_VERIFY_TOKEN));
        HttpResponse<String> bad = get(local("/sms/cpsms/dlr?receiver=4522334488&webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();
        assertThat(bad.statusCode()).isEqualTo(400);
        mock.assertIsSatisfied();
        assertThat(mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class).getStatus())
                .isEqualTo(DeliveryStatus.BUFFERED);
    }

    @Test
    void cpsmsCallbackJoinedWithASecondQuestionMarkIsRead() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(1);

        // dlr_url had a query already and CPSMS appended ?status=..&receiver=.. all the same
        HttpResponse<String> answer = get(local("/sms/cpsms/dlr?reference=r%3F1&webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN
                                                + "?status=1&receiver=4522334488"));

        assertThat(answer.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
        DeliveryReport report = mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getRecipient()).isEqualTo("4522334488");
        assertThat(report.getReference()).isEqualTo("r?1");
    }

    @Test
    void cpsmsRepeatedCallbacksAreRoutedOnce() throws Exception {
        sim.callbackRepeats(3);
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(1);

        call(cpsms("send", "callbackUrl=" + local("/sms/cpsms/dlr"), "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")"),
                "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.REFERENCE, "r-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 3);
        assertThat(sim.callbackStatuses()).containsExactly(200, 200, 200);
        mock.assertIsSatisfied();
    }

    @Test
    void cpsmsBufferedAfterDeliveredIsDroppedButAnotherMessageIsNot() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(3);
        String token = "&webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN;

        assertThat(get(local("/sms/cpsms/dlr?reference=a&status=1&receiver=4522334488" + token)).statusCode())
                .isEqualTo(200);
        assertThat(get(local("/sms/cpsms/dlr?reference=a&status=3&receiver=4522334488" + token)).statusCode())
                .isEqualTo(200);
        assertThat(get(local("/sms/cpsms/dlr?reference=b&status=3&receiver=4522334488" + token)).statusCode())
                .isEqualTo(200);
        assertThat(get(local("/sms/cpsms/dlr?reference=b&status=2&receiver=4522334488" + token)).statusCode())
                .isEqualTo(200);

        mock.assertIsSatisfied();
        assertThat(mock.getExchanges()).extracting(e -> e.getMessage().getBody(DeliveryReport.class))
                .extracting(r -> r.getReference() + ":" + r.getStatus())
                .containsExactly("a:DELIVERED", "b:BUFFERED", "b:FAILED");
    }

    @Test
    void aFailedRouteAnswers500AndTheProvidersRetryIsRouted() throws Exception {
        failuresToInject.set(1);
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(1);
        String url = local("/sms/cpsms/dlr?reference=x&status=1&receiver=4522334488&webhookVerifyToken="
                           + WEBHOOK_VERIFY_TOKEN);

        HttpResponse<String> first = get(url);
        HttpResponse<String> retry = get(url);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.body()).doesNotContain("injected");
        assertThat(retry.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
    }

    // LaML

    @Test
    void twilioStatusCallbacksOfASendReachTheRouteSignedAndNeverAfterTheFinalOne() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");

        Exchange sent = call(laml("twilio", "send",
                "callbackUrl=" + local("/sms/twilio/status")), "Hello",
                Map.of(SmsConstants.TO, "+4522334488,+4599887766"));

        assertThat(sent.getException()).isNull();
        // each message posts sent, then its final status; the posts may overtake each other
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 4);
        assertThat(sim.callbackStatuses()).containsOnly(200);
        List<String> sids = sent.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class);
        List<DeliveryReport> reports = mock.getExchanges().stream()
                .map(e -> e.getMessage().getBody(DeliveryReport.class)).toList();
        assertThat(reports).extracting(DeliveryReport::getMessageId).containsOnlyElementsOf(sids);
        DeliveryReport delivered = reports.stream().filter(r -> r.getStatus() == DeliveryStatus.DELIVERED)
                .findFirst().orElseThrow();
        assertThat(reports).filteredOn(r -> r.getStatus() == DeliveryStatus.DELIVERED).hasSize(1);
        assertThat(delivered.getRecipient()).isEqualTo("+4522334488");
        assertThat(delivered.getProvider()).isEqualTo("twilio");
        assertThat(delivered.getSender()).isEqualTo("+4570200000");
        assertThat(delivered.getRawStatus()).isEqualTo("delivered");
        assertThat(delivered.getErrorCode()).isNull();
        DeliveryReport undelivered = reports.stream().filter(r -> r.getStatus() == DeliveryStatus.UNDELIVERED)
                .findFirst().orElseThrow();
        assertThat(undelivered.getRecipient()).isEqualTo("+4599887766");
        assertThat(undelivered.getErrorCode()).isEqualTo("30003");
        for (String sid : sids) {
            List<DeliveryStatus> statuses = reports.stream().filter(r -> r.getMessageId().equals(sid))
                    .map(DeliveryReport::getStatus).toList();
            assertThat(statuses.get(statuses.size() - 1).isFinal()).as("last status of %s", sid).isTrue();
            // a "sent" that arrives after the final status is dropped, so it may be missing
            assertThat(statuses.subList(0, statuses.size() - 1)).allSatisfy(
                    s -> assertThat(s).isEqualTo(DeliveryStatus.SENT));
        }
        Exchange first = mock.getExchanges().get(0);
        assertThat(first.getMessage().getHeader(SmsConstants.MESSAGE_ID)).isIn(sids);
        assertThat(first.getMessage().getHeader(SmsConstants.STATUS))
                .isEqualTo(first.getMessage().getBody(DeliveryReport.class).getStatus().name());
        assertThat(sharedRepository.contains("twilio|" + delivered.getMessageId() + "|delivered")).isTrue();
    }

    @Test
    void forgedSignaturesGet403AndNothingIsRouted() throws Exception {
        getMockEndpoint("mock:forged").expectedMessageCount(0);
        getMockEndpoint("mock:twilio").expectedMessageCount(0);

        // the simulator signs with the account's token; this consumer expects another one
        call(laml("twilio", "send", "callbackUrl=" + local("/sms/twilio/forged")), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 2);
        Map<String, String> form = params("MessageSid", sid(1), "MessageStatus", "delivered", "To", "+4522334488");
        HttpResponse<String> unsigned = post(local("/sms/twilio/status"), form, Map.of());
        HttpResponse<String> forged = postSigned(local("/sms/twilio/status"), form, "guessed-token");
        HttpResponse<String> tampered = post(local("/sms/twilio/status"),
                params("MessageSid", sid(1), "MessageStatus", "failed", "To", "+4522334488"),
                Map.of("X-Twilio-Signature", io.github.camelsms.sms.simulator.LamlSignature.sign(AUTH_TOKEN,
                        local("/sms/twilio/status"), form)));

        assertThat(sim.callbackStatuses()).containsExactly(403, 403);
        assertThat(List.of(unsigned.statusCode(), forged.statusCode(), tampered.statusCode())).containsOnly(403);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void repeatedStatusCallbacksAreRoutedOnce() throws Exception {
        sim.callbackRepeats(2);
        MockEndpoint mock = getMockEndpoint("mock:twilio");

        call(laml("twilio", "send", "callbackUrl=" + local("/sms/twilio/status")), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 4);
        assertThat(sim.callbackStatuses()).containsOnly(200);
        List<Object> statuses = mock.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(SmsConstants.STATUS)).toList();
        // sent may be dropped when it arrives after delivered; nothing is routed twice
        assertThat(statuses).doesNotHaveDuplicates().contains("DELIVERED").isSubsetOf("SENT", "DELIVERED");
    }

    @Test
    void aNonFinalStatusAfterTheFinalOneIsDropped() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");
        mock.expectedMessageCount(2);
        String url = local("/sms/twilio/status");

        postSigned(url, params("MessageSid", sid(0xa), "MessageStatus", "delivered"), AUTH_TOKEN);
        HttpResponse<String> late = postSigned(url, params("MessageSid", sid(0xa), "MessageStatus", "sent"), AUTH_TOKEN);
        postSigned(url, params("MessageSid", sid(0xb), "MessageStatus", "sent"), AUTH_TOKEN);

        assertThat(late.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
        assertThat(mock.getExchanges()).extracting(e -> e.getMessage().getHeader(SmsConstants.MESSAGE_ID) + ":"
                                                        + e.getMessage().getHeader(SmsConstants.STATUS))
                .containsExactly(sid(0xa) + ":DELIVERED", sid(0xb) + ":SENT");
    }

    @Test
    void behindAProxyTheSignatureIsCheckedOverThePublicUrl() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:proxied");
        mock.expectedMessageCount(1);
        Map<String, String> form = params("MessageSid", "ea108133-d6b3-407c-9536-9fad8a929a6a", "MessageStatus", "delivered");
        String publicUrl = "https://sms.example.com/app/sms/sw/status?x=1";

        HttpResponse<String> local = postSigned(local("/sms/sw/status?x=1"), form, SIGNING_KEY);
        HttpResponse<String> proxied = post(local("/sms/sw/status?x=1"), form,
                Map.of("X-SignalWire-Signature", io.github.camelsms.sms.simulator.LamlSignature.sign(SIGNING_KEY,
                        publicUrl, form)));

        assertThat(local.statusCode()).isEqualTo(403);
        assertThat(proxied.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
    }
}
