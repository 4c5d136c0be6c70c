package io.github.camelsms.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SinchOpenApi;
import io.github.camelsms.sms.simulator.SinchSimulation;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sinch's callbacks into the consumers over loopback: each kind of delivery report and inbound SMS, signed with the
 * service plan's HMAC, a forged or replayed one refused; every callback the simulation posted conforms to the schema.
 */
class SinchWebhooksTest extends SinchTestSupport {

    private static final String REPORTS = "/sinch/reports";
    private static final String INBOUND = "/sinch/inbound";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(sinchConsumer("deliveryReports", REPORTS, HMAC_SECRET)).to("mock:reports");
                from(sinchConsumer("inbound", INBOUND, HMAC_SECRET)).to("mock:inbound");
            }
        };
    }

    @AfterEach
    void callbacksConformToTheSchema() {
        for (RecordedRequest callback : sim.callbacks()) {
            String path = callback.path().equals(INBOUND) ? SinchOpenApi.INBOUND_PATH
                    : SinchOpenApi.DELIVERY_REPORT_PATH;
            assertThat(SinchOpenApi.get().callbackViolations(callback, path)).as(callback.body()).isEmpty();
        }
    }

    private MockEndpoint reports() {
        return getMockEndpoint("mock:reports");
    }

    @Test
    void perRecipientReportsAreRoutedOnePerRecipientAndStatus() {
        call(sinch("send", "callbackUrl=" + local(REPORTS), "reference=order-7"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4520000001", "+4599000002")));

        // Dispatched, then the outcome, for each recipient (a Dispatched that comes after its outcome is not routed)
        await().atMost(Duration.ofSeconds(10)).until(() -> reports().getExchanges().stream()
                .filter(e -> e.getMessage().getBody(DeliveryReport.class).getStatus().isFinal()).count() == 2
                                                           && sim.callbackStatuses().size() == 4);
        String batchId = sim.sinch().servicePlan(PLAN).batches().get(0).id();
        assertThat(reports().getExchanges()).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(batchId);
            assertThat(e.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("order-7");
        });
        DeliveryReport failed = reports().getExchanges().stream().map(e -> e.getMessage().getBody(DeliveryReport.class))
                .filter(r -> r.getRecipient().equals("+4599000002") && r.getStatus().isFinal()).findFirst()
                .orElseThrow();
        assertThat(failed.getStatus().name()).isEqualTo("FAILED");
        assertThat(failed.getErrorCode()).isEqualTo("402");
        assertThat(failed.getErrorMessage()).isEqualTo("unroutable");
        assertThat(sim.callbackStatuses()).containsOnly(200);
    }

    @Test
    void aBatchReportIsRoutedOnceWithItsOverallStatus() {
        call(sinch("send", "callbackUrl=" + local(REPORTS), "provider.deliveryReport=summary"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4520000001", "+4599000002")));
        call(sinch("send", "callbackUrl=" + local(REPORTS), "provider.deliveryReport=full"), "Hi",
                Map.of(SmsConstants.TO, List.of("+4520000003")));

        await().atMost(Duration.ofSeconds(10)).until(() -> reports().getExchanges().size() == 2);
        List<DeliveryReport> routed = reports().getExchanges().stream()
                .map(e -> e.getMessage().getBody(DeliveryReport.class)).toList();
        DeliveryReport mixed = routed.stream().filter(r -> r.getRecipient() == null).findFirst().orElseThrow();
        assertThat(mixed.getStatus().name()).isEqualTo("PARTIALLY_DELIVERED");
        assertThat(mixed.getParameters()).containsEntry("status.Delivered/0", "1").containsEntry("status.Failed/402",
                "1");
        DeliveryReport single = routed.stream().filter(r -> r.getRecipient() != null).findFirst().orElseThrow();
        assertThat(single.getStatus().name()).isEqualTo("DELIVERED");
        assertThat(single.getRecipient()).as("a full report names its one recipient").isEqualTo("+4520000003");
    }

    @Test
    void anInboundSmsIsRoutedAndAcknowledged() {
        SinchSimulation.InboundAnswer answer = sim.sinch().deliverInbound(local(INBOUND), PLAN, "+4522334488",
                "+4570200000", "When are you open?");

        assertThat(answer.status()).isEqualTo(200);
        MockEndpoint inbound = getMockEndpoint("mock:inbound");
        assertThat(inbound.getExchanges()).hasSize(1);
        InboundSms sms = inbound.getExchanges().get(0).getMessage().getBody(InboundSms.class);
        assertThat(sms.getFrom()).isEqualTo("+4522334488");
        assertThat(sms.getTo()).isEqualTo("+4570200000");
        assertThat(sms.getBody()).isEqualTo("When are you open?");
        assertThat(inbound.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID))
                .isEqualTo(sms.getMessageId());
    }

    @Test
    void aForgedReplayedOrUnsignedCallbackIsRefusedAndNotRouted() throws Exception {
        String body = "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"01FC66621XXXXX119Z8PMV1QPQ\","
                      + "\"recipient\":\"+4520000001\",\"code\":0,\"status\":\"Delivered\","
                      + "\"at\":\"2026-01-01T10:00:00.000Z\"}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());

        assertThat(postJson(local(REPORTS), body, signed("Not-the-secret", body, now)).statusCode()).isEqualTo(403);
        assertThat(postJson(local(REPORTS), body, signed(HMAC_SECRET, body, old)).statusCode()).isEqualTo(403);
        assertThat(postJson(local(REPORTS), body, Map.of()).statusCode()).isEqualTo(403);
        assertThat(postJson(local(REPORTS), body.replace("Delivered", "Failed"), signed(HMAC_SECRET, body, now))
                .statusCode()).isEqualTo(403);
        assertThat(reports().getExchanges()).isEmpty();
        assertThat(postJson(local(REPORTS), body, signed(HMAC_SECRET, body, now)).statusCode()).isEqualTo(200);
        assertThat(reports().getExchanges()).hasSize(1);
    }

    @Test
    void aCallbackOfAnotherShapeIsRefusedWith400() throws Exception {
        String now = String.valueOf(Instant.now().getEpochSecond());
        for (String body : List.of("[]", "{\"type\":\"mo_media\",\"id\":\"x\"}",
                "{\"type\":\"recipient_delivery_report_sms\",\"status\":\"Delivered\"}",
                "{\"type\":\"delivery_report_sms\",\"batch_id\":\"b\",\"statuses\":[]}")) {
            assertThat(postJson(local(REPORTS), body, signed(HMAC_SECRET, body, now)).statusCode()).as(body)
                    .isEqualTo(400);
        }
        assertThat(reports().getExchanges()).isEmpty();
    }

    private static Map<String, String> signed(String secret, String body, String timestamp) {
        String nonce = "01FJA8B4A7BM43YGWSG9GBV0" + timestamp.substring(timestamp.length() - 2);
        return Map.of("x-sinch-webhook-signature", SinchSimulation.sign(secret, body, nonce, timestamp),
                "x-sinch-webhook-signature-nonce", nonce, "x-sinch-webhook-signature-timestamp", timestamp,
                "x-sinch-webhook-signature-algorithm", "HmacSHA256");
    }
}
