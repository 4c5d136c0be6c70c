package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.GatewayapiOpenApi;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * GatewayAPI's webhooks through the consumers: the X-Gwapi-Signature JWT checked with GatewayAPI's own published
 * sample (docs/rest.rst: the token below verifies with the secret "secret"), a valid token on another body, forged
 * and unsigned requests, out-of-order and repeated notifications, MO SMS, and the simulation's webhooks against the
 * documented shapes.
 */
class GatewayapiWebhooksTest extends WebhookTestSupport {

    private static final String TOKEN = GatewayapiSendTest.TOKEN;
    /** GatewayAPI's sample token and secret (onlinecity/gatewayapi-docs, docs/rest.rst, "Authentication token"). */
    static final String SAMPLE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpZCI6MjM4MTcwMywibXNpc2RuIjo0NTQyNjA5MD"
                                       + "Q1LCJ0aW1lIjoxNTIyNzY0MDYyLCJzdGF0dXMiOiJERUxJVkVSRUQiLCJlcnJvciI6bnVsbCwiY2"
                                       + "9kZSI6bnVsbCwidXNlcnJlZiI6bnVsbCwiY2FsbGJhY2tfdXJsIjoiaHR0cDovL2JiYWY3MTQyLm"
                                       + "5ncm9rLmlvIiwiYXBpIjo0fQ.KdfDH65bnQtgxEkFnpAQodOciAJedZFB13r9wEo8t3Y";
    static final String SAMPLE_SECRET = "secret";
    static final String SAMPLE_CLAIMS = "{\"id\":2381703,\"msisdn\":4542609045,\"time\":1522764062,\"status\":"
                                        + "\"DELIVERED\",\"error\":null,\"code\":null,\"userref\":null,"
                                        + "\"callback_url\":\"http://bbaf7142.ngrok.io\",\"api\":4}";

    GatewayapiWebhooksTest() {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("100")).authenticationToken(SAMPLE_SECRET);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:gatewayapi/deliveryReports?path=/gw/dsn&provider.authenticationToken=RAW(secret)")
                        .to("mock:dsn");
                from("sms:gatewayapi/deliveryReports?path=/gw/other&provider.authenticationToken=RAW(not-secret)")
                        .to("mock:other");
                from("sms:gatewayapi/inbound?path=/gw/mo&provider.authenticationToken=RAW(secret)").to("mock:mo");
            }
        };
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return postJson(local(path), body, token == null ? Map.of() : Map.of("X-Gwapi-Signature", token));
    }

    @Test
    void gatewayapisSampleTokenIsAcceptedAndItsClaimsAreTheReport() throws Exception {
        MockEndpoint dsn = getMockEndpoint("mock:dsn");

        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, SAMPLE_TOKEN).statusCode()).isEqualTo(200);

        assertThat(dsn.getExchanges()).hasSize(1);
        DeliveryReport report = dsn.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getMessageId()).isEqualTo("2381703");
        assertThat(report.getRecipient()).isEqualTo("4542609045");
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getRawStatus()).isEqualTo("DELIVERED");
        assertThat(dsn.getExchanges().get(0).getMessage().getHeader(SmsConstants.TO)).isEqualTo("4542609045");
    }

    @Test
    void theSampleTokenWithAnotherSecretIsRefused() throws Exception {
        assertThat(post("/gw/other", SAMPLE_CLAIMS, SAMPLE_TOKEN).statusCode()).isEqualTo(403);
        assertThat(getMockEndpoint("mock:other").getExchanges()).isEmpty();
    }

    @Test
    void aValidTokenOnAnotherBodyIsRefused() throws Exception {
        // the body is not signed: a captured token must not vouch for another status, number or message
        for (String forged : new String[] { SAMPLE_CLAIMS.replace("\"DELIVERED\"", "\"UNDELIVERABLE\""),
                                            SAMPLE_CLAIMS.replace("4542609045", "4542609046"),
                                            SAMPLE_CLAIMS.replace("2381703", "2381704"),
                                            SAMPLE_CLAIMS.replace("\"userref\":null", "\"userref\":\"order-1\"") }) {
            assertThat(post("/gw/dsn", forged, SAMPLE_TOKEN).statusCode()).as(forged).isEqualTo(403);
        }
        assertThat(getMockEndpoint("mock:dsn").getExchanges()).isEmpty();
    }

    @Test
    void unsignedAndUnsafelySignedRequestsAreRefused() throws Exception {
        String[] parts = SAMPLE_TOKEN.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"typ\":\"JWT\",\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, null).statusCode()).isEqualTo(403);
        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, none + "." + parts[1] + ".").statusCode()).isEqualTo(403);
        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, parts[0] + "." + parts[1] + ".AAAA").statusCode()).isEqualTo(403);
        assertThat(getMockEndpoint("mock:dsn").getExchanges()).isEmpty();
    }

    @Test
    void aReplayedNotificationIsRoutedOnce() throws Exception {
        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, SAMPLE_TOKEN).statusCode()).isEqualTo(200);
        assertThat(post("/gw/dsn", SAMPLE_CLAIMS, SAMPLE_TOKEN).statusCode()).isEqualTo(200);

        assertThat(getMockEndpoint("mock:dsn").getExchanges()).hasSize(1);
    }

    @Test
    void aTransientStatusAfterAFinalOneIsNotRouted() throws Exception {
        // GatewayAPI: "sometimes you may receive a transient state after already having received a final state";
        // ACCEPTED is final there (the network accepted on the user's behalf)
        String accepted = dsn(77, "ACCEPTED");
        String enroute = dsn(77, "ENROUTE");

        assertThat(post("/gw/dsn", accepted, sign(accepted)).statusCode()).isEqualTo(200);
        assertThat(post("/gw/dsn", enroute, sign(enroute)).statusCode()).isEqualTo(200);

        assertThat(getMockEndpoint("mock:dsn").getExchanges()).extracting(e -> e.getMessage().getHeader(
                SmsConstants.STATUS)).containsExactly("ACCEPTED");
    }

    @Test
    void aConsumerWithoutTheAuthenticationTokenDoesNotStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:gatewayapi/deliveryReports?path=/gw/none").to("mock:none");
            }
        })).hasStackTraceContaining("provider.authenticationToken");
    }

    @Test
    void theSimulationsSignedNotificationsAreRoutedAndConformToTheDocuments() {
        MockEndpoint dsn = getMockEndpoint("mock:dsn");

        assertThat(call(GatewayapiSendTest.gatewayapi(sim.baseUrl(), "send", "reference=order-7",
                "callbackUrl=RAW(" + local("/gw/dsn") + ")"), "Hi", Map.of(SmsConstants.TO, "4520000001"))
                .getException()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> dsn.getExchanges().stream()
                .anyMatch(e -> "DELIVERED".equals(e.getMessage().getHeader(SmsConstants.STATUS))));
        assertThat(dsn.getExchanges()).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(SmsConstants.REFERENCE)).isEqualTo("order-7");
            assertThat(e.getMessage().getHeader(SmsConstants.TO)).isEqualTo("4520000001");
        });
        assertThat(sim.callbacks()).isNotEmpty().allSatisfy(cb -> assertThat(GatewayapiOpenApi.get()
                .webhookViolations(GatewayapiOpenApi.DELIVERY_STATUS, cb)).isEmpty());
    }

    @Test
    void anMoSmsIsRoutedAsInboundSms() {
        var answer = sim.gatewayapi().deliverMoSms(TOKEN, local("/gw/mo"), "4587654321", "451204", "foo Hello World");

        assertThat(answer.status()).isEqualTo(200);
        MockEndpoint mo = getMockEndpoint("mock:mo");
        assertThat(mo.getExchanges()).hasSize(1);
        InboundSms sms = mo.getExchanges().get(0).getMessage().getBody(InboundSms.class);
        assertThat(sms.getFrom()).isEqualTo("4587654321");
        assertThat(sms.getTo()).isEqualTo("451204");
        assertThat(sms.getBody()).isEqualTo("foo Hello World");
        assertThat(sim.callbacks()).allSatisfy(cb -> assertThat(GatewayapiOpenApi.get()
                .webhookViolations(GatewayapiOpenApi.MO_SMS, cb)).isEmpty());
    }

    private static String dsn(long id, String status) {
        return "{\"id\":" + id + ",\"msisdn\":4520000001,\"time\":1700000000,\"status\":\"" + status
               + "\",\"error\":null,\"code\":null,\"userref\":null}";
    }

    private static String sign(String claims) {
        try {
            String[] header = SAMPLE_TOKEN.split("\\.");
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String signed = header[0] + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SAMPLE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + base64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
