package io.github.camelsms.sms;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import com.twilio.security.RequestValidator;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * LaML webhooks as the providers send them: SignalWire signed with the project's Signing Key (secretKey) under
 * X-SignalWire-Signature or its X-Twilio-Signature alias; status callbacks and inbound messages by GET (signed over
 * the URL only); Twilio's application/json webhooks, whose URL carries bodySHA256. Each signature is also checked with
 * twilio-java's RequestValidator, an implementation independent of ours.
 */
class LamlWebhookKindsTest extends WebhookTestSupport {

    private static final String PROJECT = "ea108133-d6b3-407c-9536-9fad8a929a6a";
    private static final String SW_SID = "3e0a4bd1-7a02-4a8c-9b6e-2c0d8f1a5e77";
    private static final String API_TOKEN = "PTsignalwireApiT0ken";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:signalwire/deliveryReports?path=/sw/status&authToken=RAW(" + API_TOKEN + ")&secretKey=RAW("
                     + SIGNING_KEY + ")").to("mock:sw");
                from("sms:signalwire/inbound?path=/sw/in&secretKey=RAW(" + SIGNING_KEY + ")")
                        .to("mock:swin").setBody(constant("Got it"));
                from("sms:twilio/deliveryReports?path=/tw/status&authToken=RAW(" + AUTH_TOKEN + ")").to("mock:tw");
                from("sms:twilio/inbound?path=/tw/in&authToken=RAW(" + AUTH_TOKEN + ")")
                        .to("mock:twin").setBody(simple("Hello ${body.from}"));
            }
        };
    }

    // SignalWire's Signing Key

    @Test
    void signalwireCallbacksAreAcceptedOnlyWhenSignedWithTheSigningKeyUnderEitherHeader() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:sw");
        String url = local("/sw/status");
        Map<String, String> sent = swStatus("sent");
        Map<String, String> delivered = swStatus("delivered");
        String signed = LamlSignature.sign(SIGNING_KEY, url, delivered);
        assertThat(new RequestValidator(SIGNING_KEY).validate(url, delivered, signed)).isTrue();

        HttpResponse<String> withApiToken = post(url, delivered,
                Map.of("X-SignalWire-Signature", LamlSignature.sign(API_TOKEN, url, delivered)));
        HttpResponse<String> byAlias = post(url, sent,
                Map.of("X-Twilio-Signature", LamlSignature.sign(SIGNING_KEY, url, sent)));
        HttpResponse<String> byOwnHeader = post(url, delivered, Map.of("X-SignalWire-Signature", signed));

        assertThat(withApiToken.statusCode()).isEqualTo(403);
        assertThat(byAlias.statusCode()).isEqualTo(200);
        assertThat(byOwnHeader.statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).extracting(e -> e.getMessage().getHeader(SmsConstants.STATUS))
                .containsExactly("SENT", "DELIVERED");
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SW_SID);
    }

    @Test
    void aSignalwireConsumerWithoutTheSigningKeyRefusesToStartAndSaysWhereTheKeyIs() {
        Throwable thrown = catchThrowable(() -> addRoute(
                "sms:signalwire/inbound?path=/sw/nokey&authToken=RAW(" + API_TOKEN + ")"));

        SmsValidationException e = ObjectHelper.getException(SmsValidationException.class, thrown);
        assertThat(e).isNotNull();
        assertThat(e.getField()).isEqualTo("secretKey");
        assertThat(e.getMessage()).contains("Signing Key", "API Credentials", "SignalWire dashboard")
                .doesNotContain(API_TOKEN);
    }

    @Test
    void aSignalwireConsumerWithoutSignatureValidationNeedsNoKeyAndTheKeyIsNeverPrinted() throws Exception {
        addRoute("sms:signalwire/inbound?path=/sw/open&validateSignature=false");
        SmsEndpoint withKey = context.getEndpoints().stream().filter(SmsEndpoint.class::isInstance)
                .map(SmsEndpoint.class::cast).filter(ep -> "/sw/status".equals(ep.getConfiguration().getPath())).findFirst()
                .orElseThrow();

        HttpResponse<String> unsigned = post(local("/sw/open"),
                params("MessageSid", SW_SID, "From", "+4522334488", "Body", "Hi"), Map.of());

        assertThat(unsigned.statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:added").getExchanges()).hasSize(1);
        assertThat(withKey.toString()).doesNotContain(SIGNING_KEY);
        assertThat(URISupport.sanitizeUri(withKey.getEndpointUri())).doesNotContain(SIGNING_KEY);
        assertThat(withKey.getConfiguration().toString()).doesNotContain(SIGNING_KEY);
    }

    // GET

    @Test
    void aStatusCallbackByGetIsSignedOverTheUrlOnly() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:tw");
        String url = local("/tw/status?" + query(params("AccountSid", ACCOUNT_SID, "MessageSid", SID,
                "MessageStatus", "undelivered", "ErrorCode", "30003", "To", "+4522334488")));
        String signature = LamlSignature.sign(AUTH_TOKEN, url, Map.of());
        assertThat(new RequestValidator(AUTH_TOKEN).validate(url, Map.of(), signature)).isTrue();

        HttpResponse<String> tampered = get(url.replace("undelivered", "delivered"),
                Map.of("X-Twilio-Signature", signature));
        HttpResponse<String> signed = get(url, Map.of("X-Twilio-Signature", signature));

        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
        DeliveryReport report = mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.UNDELIVERED);
        assertThat(report.getMessageId()).isEqualTo(SID);
        assertThat(report.getErrorCode()).isEqualTo("30003");
        assertThat(report.getRecipient()).isEqualTo("+4522334488");
    }

    @Test
    void anInboundMessageByGetIsRoutedAndAnsweredWithLaml() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:swin");
        String url = local("/sw/in?" + query(params("AccountSid", PROJECT, "MessageSid", SW_SID,
                "From", "+4522334488", "To", "+4570200000", "Body", "Hej & farvel")));

        HttpResponse<String> answer = get(url,
                Map.of("X-SignalWire-Signature", LamlSignature.sign(SIGNING_KEY, url, Map.of())));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Response><Message>Got it</Message></Response>");
        InboundSms sms = mock.getExchanges().get(0).getMessage().getBody(InboundSms.class);
        assertThat(sms.getBody()).isEqualTo("Hej & farvel");
        assertThat(sms.getAccountSid()).isEqualTo(PROJECT);
    }

    // application/json with bodySHA256

    @Test
    void aJsonStatusCallbackIsCheckedAgainstItsBodySha256() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:tw");
        String body = "{\"AccountSid\":\"" + ACCOUNT_SID + "\",\"MessageSid\":\"" + SID
                      + "\",\"MessageStatus\":\"delivered\",\"To\":\"+4522334488\",\"NumSegments\":1}";
        String tamperedBody = body.replace("delivered", "failed");
        String url = local("/tw/status?bodySHA256=" + sha256Hex(body));
        String signature = LamlSignature.sign(AUTH_TOKEN, url, Map.of());
        RequestValidator twilio = new RequestValidator(AUTH_TOKEN);
        assertThat(twilio.validate(url, body, signature)).isTrue();
        assertThat(twilio.validate(url, tamperedBody, signature)).isFalse();
        String withoutHash = local("/tw/status");

        HttpResponse<String> tampered = postJson(url, tamperedBody, Map.of("X-Twilio-Signature", signature));
        HttpResponse<String> noHash = postJson(withoutHash, body,
                Map.of("X-Twilio-Signature", LamlSignature.sign(AUTH_TOKEN, withoutHash, Map.of())));
        HttpResponse<String> signed = postJson(url, body, Map.of("X-Twilio-Signature", signature));

        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(noHash.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
        DeliveryReport report = mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getMessageId()).isEqualTo(SID);
        assertThat(report.getParameters()).containsEntry("NumSegments", "1");
    }

    @Test
    void aJsonInboundMessageIsRoutedAndAnswered() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twin");
        String body = "{\"AccountSid\":\"" + ACCOUNT_SID + "\",\"MessageSid\":\"" + SID
                      + "\",\"From\":\"+4522334488\",\"To\":\"+4570200000\",\"Body\":\"Hi \\u00e6\"}";
        String url = local("/tw/in?bodySHA256=" + sha256Hex(body));

        HttpResponse<String> answer = postJson(url, body,
                Map.of("X-Twilio-Signature", LamlSignature.sign(AUTH_TOKEN, url, Map.of())));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Hello +4522334488</Message>");
        assertThat(mock.getExchanges().get(0).getMessage().getBody(InboundSms.class).getBody()).isEqualTo("Hi æ");
    }

    private static Map<String, String> swStatus(String status) {
        return params("AccountSid", PROJECT, "MessageSid", SW_SID, "SmsSid", SW_SID, "MessageStatus", status,
                "To", "+4522334488", "From", "+4570200000");
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String sha256Hex(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void addRoute(String from) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to("mock:added");
            }
        });
    }
}
