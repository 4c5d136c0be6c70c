package io.github.camelsms.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.TelnyxOpenApi;
import io.github.camelsms.sms.simulator.TelnyxSimulation;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Telnyx webhooks on the consumers: Ed25519 over {@code timestamp|body} with the account's public key, signed by the
 * simulation as Telnyx documents it (a key pair made in the test), refused when the key, the body or the time is
 * wrong; delivery status events and inbound messages read into the component's model.
 */
class TelnyxWebhooksTest extends WebhookTestSupport {

    private static final String KEY = "KEY0190_telnyx-Webhooks-Test-key";
    private static final String ID = "40385f64-5717-4562-b3fc-2c963f66afa6";

    private final TelnyxSimulation.Account account;

    TelnyxWebhooksTest() {
        account = sim.telnyx().addAccount(KEY);
        sim.telnyx().statusDelay(Duration.ofMillis(20));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String key = "&provider.publicKey=RAW(" + account.publicKey() + ")";
                from("sms:telnyx/inbound?path=/tx/inbound" + key).to("mock:inbound");
                from("sms:telnyx/deliveryReports?path=/tx/reports" + key).to("mock:reports");
            }
        };
    }

    private String send(String callbackPath) {
        return "sms:telnyx/send?baseUrl=" + sim.baseUrl("telnyx") + "&provider.apiKey=RAW(" + KEY + ")"
               + "&from=RAW(+4570200000)&callbackUrl=" + local(callbackPath);
    }

    private static String report(String eventType, String status) {
        return "{\"data\":{\"event_type\":\"" + eventType + "\",\"id\":\"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\","
               + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"record_type\":\"event\",\"payload\":{\"id\":\"" + ID
               + "\",\"direction\":\"outbound\",\"from\":{\"phone_number\":\"+4570200000\"},\"to\":[{\"phone_number\":"
               + "\"+4522334488\",\"status\":\"" + status + "\"}],\"errors\":[]}},\"meta\":{\"attempt\":1}}";
    }

    private int postSignedAt(String path, String body, Instant at) throws Exception {
        String timestamp = String.valueOf(at.getEpochSecond());
        return postJson(local(path), body, Map.of("telnyx-signature-ed25519", account.sign(timestamp, body),
                "telnyx-timestamp", timestamp)).statusCode();
    }

    @Test
    void deliveryReportsOfASendAreRoutedWithTheStatusAndTheMessageId() throws Exception {
        MockEndpoint reports = getMockEndpoint("mock:reports");

        String id = call(send("/tx/reports"), "Hi", Map.of(SmsConstants.TO, "+4599000001"))
                .getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> reports.getExchanges().stream()
                .anyMatch(e -> "UNDELIVERED".equals(e.getMessage().getHeader(SmsConstants.STATUS))));
        DeliveryReport last = reports.getExchanges().stream().map(e -> e.getMessage().getBody(DeliveryReport.class))
                .filter(r -> r.getStatus() == DeliveryStatus.UNDELIVERED).findFirst().orElseThrow();
        assertThat(last.getMessageId()).isEqualTo(id);
        assertThat(last.getRawStatus()).isEqualTo("delivery_failed");
        assertThat(last.getErrorCode()).isEqualTo("40008");
        assertThat(last.getRecipient()).isEqualTo("+4599000001");
        assertThat(sim.callbacks()).allSatisfy(c -> assertThat(TelnyxOpenApi.get().webhookViolations(
                "deliveryUpdate", c)).isEmpty());
    }

    @Test
    void anInboundMessageSignedRightIsRoutedOnce() throws Exception {
        MockEndpoint inbound = getMockEndpoint("mock:inbound");

        TelnyxSimulation.InboundAnswer answer = sim.telnyx().deliverInbound(local("/tx/inbound"), KEY, "+4522334488",
                "+4570200000", "Hello back");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(inbound.getExchanges()).singleElement().satisfies(e -> {
            InboundSms sms = e.getMessage().getBody(InboundSms.class);
            assertThat(sms.getFrom()).isEqualTo("+4522334488");
            assertThat(sms.getTo()).isEqualTo("+4570200000");
            assertThat(sms.getBody()).isEqualTo("Hello back");
            assertThat(e.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo("telnyx");
        });
    }

    @Test
    void aSignatureOfAnotherBodyAnotherKeyOrWithoutHeadersIsRefused() throws Exception {
        String body = report("message.finalized", "delivered");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = account.sign(timestamp, body);
        // one byte changed in the body
        assertThat(postJson(local("/tx/reports"), body.replace("delivered", "delivereD"),
                Map.of("telnyx-signature-ed25519", signature, "telnyx-timestamp", timestamp)).statusCode())
                .isEqualTo(403);
        // the timestamp changed: it is signed too
        assertThat(postJson(local("/tx/reports"), body, Map.of("telnyx-signature-ed25519", signature,
                "telnyx-timestamp", String.valueOf(Long.parseLong(timestamp) - 1))).statusCode()).isEqualTo(403);
        // another account's key
        TelnyxSimulation.Account other = sim.telnyx().addAccount("KEY-other");
        assertThat(postJson(local("/tx/reports"), body, Map.of("telnyx-signature-ed25519",
                other.sign(timestamp, body), "telnyx-timestamp", timestamp)).statusCode()).isEqualTo(403);
        assertThat(postJson(local("/tx/reports"), body, Map.of()).statusCode()).isEqualTo(403);
        assertThat(postJson(local("/tx/reports"), body, Map.of("telnyx-signature-ed25519", "not base64!",
                "telnyx-timestamp", timestamp)).statusCode()).isEqualTo(403);
        assertThat(getMockEndpoint("mock:reports").getExchanges()).isEmpty();
        // and the same request signed right goes through, header names in any case
        assertThat(postJson(local("/tx/reports"), body, Map.of("Telnyx-Signature-Ed25519", signature,
                "Telnyx-Timestamp", timestamp)).statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:reports").getExchanges()).hasSize(1);
    }

    // 302, not 301: the header carries whole seconds, so 301 ahead truncated and read a moment later can be 300
    @ParameterizedTest
    @ValueSource(longs = { -302, 302, -86400 })
    void aReportSignedOutsideFiveMinutesIsRefusedAsAReplay(long secondsAway) throws Exception {
        assertThat(postSignedAt("/tx/reports", report("message.finalized", "delivered"),
                Instant.now().plusSeconds(secondsAway))).isEqualTo(403);
        assertThat(postSignedAt("/tx/inbound", report("message.finalized", "delivered"),
                Instant.now().plusSeconds(secondsAway))).isEqualTo(403);
        assertThat(getMockEndpoint("mock:reports").getExchanges()).isEmpty();
    }

    @Test
    void aSentEventAfterTheFinalOneIsNotRoutedAndAFinalizedUnconfirmedIsFinal() throws Exception {
        MockEndpoint reports = getMockEndpoint("mock:reports");

        assertThat(postSignedAt("/tx/reports", report("message.finalized", "delivery_unconfirmed"), Instant.now()))
                .isEqualTo(200);
        assertThat(postSignedAt("/tx/reports", report("message.sent", "sent"), Instant.now())).isEqualTo(200);

        assertThat(reports.getExchanges()).extracting(e -> e.getMessage().getBody(DeliveryReport.class).getRawStatus())
                .containsExactly("delivery_unconfirmed");
    }

    @Test
    void anEventOfTheWrongKindIsABadRequestAndNotRouted() throws Exception {
        assertThat(postSignedAt("/tx/inbound", report("message.finalized", "delivered"), Instant.now()))
                .isEqualTo(400);
        assertThat(postSignedAt("/tx/reports", report("message.received", "received"), Instant.now()))
                .isEqualTo(400);
        assertThat(getMockEndpoint("mock:inbound").getExchanges()).isEmpty();
        assertThat(getMockEndpoint("mock:reports").getExchanges()).isEmpty();
    }

    @Test
    void aConsumerWithoutAUsablePublicKeyDoesNotStart() {
        for (String key : List.of("", "&provider.publicKey=c2hvcnQ=")) {
            assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("sms:telnyx/deliveryReports?path=/tx/nokey" + key.length() + key).to("mock:none");
                }
            })).hasStackTraceContaining("provider.publicKey");
        }
    }
}
