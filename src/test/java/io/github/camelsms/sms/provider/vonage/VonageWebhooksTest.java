package io.github.camelsms.sms.provider.vonage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.WebhookTestSupport;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.VonageSimulation;
import io.github.camelsms.sms.simulator.VonageSimulation.SignatureMethod;
import io.github.camelsms.sms.simulator.VonageSimulation.WebhookStyle;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.github.camelsms.sms.provider.vonage.VonageProviderTest.KEY;
import static io.github.camelsms.sms.provider.vonage.VonageProviderTest.vonage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Vonage's delivery receipts and inbound SMS through the consumers, as the simulation posts them, signed or not. */
class VonageWebhooksTest extends WebhookTestSupport {

    private static final String SIGNATURE_SECRET = "V0nageS1gnature-5f4e";
    private static final String SIGNED = "/vonage/signed";
    private static final String UNSIGNED = "/vonage/unsigned";
    private static final String INBOUND = "/vonage/inbound";

    private final VonageSimulation.Account account;

    VonageWebhooksTest() {
        account = sim.vonage().addAccount(KEY, VonageProviderTest.SECRET, new BigDecimal("10"));
        sim.vonage().callbackDelay(Duration.ofMillis(20));
    }

    private static String consumer(String operation, String path, String secret, String method) {
        return "sms:vonage/" + operation + "?path=" + path + "&validateSignature=true&provider.secretKey=RAW(" + secret
               + ")&provider.signatureMethod=" + method;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer("deliveryReports", SIGNED, SIGNATURE_SECRET, "sha512")).to("mock:signed");
                from("sms:vonage/deliveryReports?path=" + UNSIGNED).to("mock:unsigned");
                from(consumer("inbound", INBOUND, SIGNATURE_SECRET, "md5hash")).to("mock:inbound");
            }
        };
    }

    private void sendWithReceiptTo(String path, String to) {
        assertThat(call(vonage(sim.baseUrl("vonage"), "send", "from=AcmeInc", "reference=order-42",
                "callbackUrl=RAW(" + local(path) + ")"), "Hi", Map.of(SmsConstants.TO, to)).getException()).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "JSON_POST", "FORM_POST", "GET" })
    void aSignedReceiptIsRoutedAsADeliveryReportInEveryFormat(WebhookStyle style) {
        sim.vonage().webhookStyle(style);
        account.signatureSecret(SIGNATURE_SECRET, SignatureMethod.HMAC_SHA512);
        MockEndpoint signed = getMockEndpoint("mock:signed");

        sendWithReceiptTo(SIGNED, "+4599123456");

        await().atMost(Duration.ofSeconds(10)).until(() -> signed.getExchanges().size() == 1
                                                           && sim.callbackStatuses().size() == 1);
        DeliveryReport report = signed.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getProvider()).isEqualTo("vonage");
        assertThat(report.getRecipient()).isEqualTo("4599123456");
        assertThat(report.getSender()).isEqualTo("AcmeInc");
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(report.getReference()).isEqualTo("order-42");
        assertThat(report.getErrorCode()).isEqualTo("2");
        assertThat(report.getErrorMessage()).contains("Absent subscriber");
        assertThat(report.getMessageId()).isEqualTo(account.messages().get(0).messageIds().get(0));
        assertThat(signed.getExchanges().get(0).getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("order-42");
        assertThat(sim.callbackStatuses()).containsExactly(200);
    }

    @Test
    void aReceiptSignedWithAnotherMethodOrNotSignedIsRefused() {
        account.signatureSecret(SIGNATURE_SECRET, SignatureMethod.HMAC_SHA256); // the consumer expects sha512
        sendWithReceiptTo(SIGNED, "+447700900001");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.callbackStatuses().size() == 1);

        account.signatureSecret(null, SignatureMethod.MD5_HASH);
        sendWithReceiptTo(SIGNED, "+447700900001");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.callbackStatuses().size() == 2);

        assertThat(sim.callbackStatuses()).containsExactly(403, 403);
        assertThat(getMockEndpoint("mock:signed").getExchanges()).isEmpty();
    }

    @Test
    void aSignatureInTheQueryBesideTheBodysIsRefused() throws Exception {
        Map<String, String> receipt = params("msisdn", "447700900001", "to", "AcmeInc", "messageId", "0A00000012345670",
                "status", "delivered", "err-code", "0", "timestamp", String.valueOf(Instant.now().getEpochSecond()),
                "nonce", "n-1");
        receipt.put("sig", VonageSimulation.sign(receipt, SIGNATURE_SECRET, SignatureMethod.HMAC_SHA512));

        assertThat(post(local(SIGNED + "?sig=" + receipt.get("sig")), receipt, Map.of()).statusCode()).isEqualTo(403);
        assertThat(post(local(SIGNED + "?status=failed"), receipt, Map.of()).statusCode()).isEqualTo(403);
        assertThat(post(local(SIGNED), receipt, Map.of()).statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:signed").getExchanges()).hasSize(1);
    }

    @Test
    void anUnsignedReceiptIsRoutedWhenSignaturesAreNotValidated() {
        MockEndpoint unsigned = getMockEndpoint("mock:unsigned");

        sendWithReceiptTo(UNSIGNED, "+447700900001");

        await().atMost(Duration.ofSeconds(10)).until(() -> unsigned.getExchanges().size() == 1);
        assertThat(unsigned.getExchanges().get(0).getMessage().getBody(DeliveryReport.class).getStatus())
                .isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aLongInboundSmsArrivesAsItsSignedPartsEvenWithAmpersandsAndEqualSigns() {
        sim.vonage().webhookStyle(WebhookStyle.FORM_POST);
        account.signatureSecret(SIGNATURE_SECRET, SignatureMethod.MD5_HASH);
        String text = "Order a=1&b=2 " + "x".repeat(200);

        List<VonageSimulation.InboundAnswer> answers = sim.vonage().deliverInbound(local(INBOUND), KEY,
                "447700900009", "447700900000", text);

        assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        List<InboundSms> parts = getMockEndpoint("mock:inbound").getExchanges().stream()
                .map(e -> e.getMessage().getBody(InboundSms.class)).toList();
        assertThat(parts).hasSize(2).allSatisfy(sms -> {
            assertThat(sms.getFrom()).isEqualTo("447700900009");
            assertThat(sms.getTo()).isEqualTo("447700900000");
            assertThat(sms.getAccountSid()).isEqualTo(KEY);
            assertThat(sms.getParameters()).containsEntry("concat-total", "2");
        });
        assertThat(parts.get(0).getBody() + parts.get(1).getBody()).isEqualTo(text);
    }

    @Test
    void aSigningConsumerNeedsTheSignatureSecretAndAKnownMethod() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:vonage/deliveryReports?path=/v/a&validateSignature=true").to("mock:never");
            }
        })).hasStackTraceContaining("provider.secretKey");
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer("inbound", "/v/b", SIGNATURE_SECRET, "sha3")).to("mock:never");
            }
        })).hasStackTraceContaining("provider.signatureMethod")
                .satisfies(e -> assertThat(rootOf(e)).isInstanceOf(SmsValidationException.class));
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof SmsValidationException)) {
            t = t.getCause();
        }
        return t;
    }
}
