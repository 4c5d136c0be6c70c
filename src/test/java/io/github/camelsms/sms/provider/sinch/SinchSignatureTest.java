package io.github.camelsms.sms.provider.sinch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sinch's callback HMAC against the vector of sinch-sdk-java's HmacAuthenticationValidationTest (Apache-2.0), and the
 * ways a forger or a replayer tries around it.
 */
class SinchSignatureTest {

    private static final String SECRET = "foo_secret1234";
    private static final String BODY = "{\"app_id\":\"\",\"accepted_time\":\"2021-10-18T17:49:13.813615Z\","
            + "\"project_id\":\"e2df3a34-a71b-4448-9db5-a8d2baad28e4\",\"contact_create_notification\":{\"contact\":"
            + "{\"id\":\"01FJA8B466Y0R2GNXD78MD9SM1\",\"channel_identities\":[{\"channel\":\"SMS\",\"identity\":"
            + "\"48123456789\",\"app_id\":\"\"}],\"display_name\":\"New Test Contact\",\"email\":"
            + "\"new.contact@email.com\",\"external_id\":\"\",\"metadata\":\"\",\"language\":\"EN_US\"}},"
            + "\"message_metadata\":\"\"}";
    private static final long SIGNED_AT = 1634579353L;

    private static Map<String, String> vectorHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-sinch-webhook-signature", "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=");
        headers.put("x-sinch-webhook-signature-algorithm", "HmacSHA256");
        headers.put("x-sinch-webhook-signature-nonce", "01FJA8B4A7BM43YGWSG9GBV067");
        headers.put("x-sinch-webhook-signature-timestamp", String.valueOf(SIGNED_AT));
        return headers;
    }

    private static boolean valid(Map<String, String> headers, String body, long nowSeconds) {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        SmsWebhookRequest request = new SmsWebhookRequest("POST", "https://example.com/sinch", Map.of(), Map.of(),
                caseless::get, body.getBytes(StandardCharsets.UTF_8));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC);
        return new SinchSignature(SECRET, clock).verify(request).valid();
    }

    @Test
    void theSdksVectorIsValidWithinTheWindow() {
        assertThat(valid(vectorHeaders(), BODY, SIGNED_AT)).isTrue();
        assertThat(valid(vectorHeaders(), BODY, SIGNED_AT + 299)).isTrue();
    }

    @Test
    void aReplayOrAClockTooFarAheadIsRefused() {
        assertThat(valid(vectorHeaders(), BODY, SIGNED_AT + 301)).as("replayed later").isFalse();
        assertThat(valid(vectorHeaders(), BODY, SIGNED_AT - 301)).as("from the future").isFalse();
    }

    @Test
    void aTamperedBodyNonceOrTimestampIsRefused() {
        assertThat(valid(vectorHeaders(), BODY.replace("New Test", "Evil Test"), SIGNED_AT)).isFalse();
        Map<String, String> nonce = vectorHeaders();
        nonce.put("x-sinch-webhook-signature-nonce", "01FJA8B4A7BM43YGWSG9GBV068");
        assertThat(valid(nonce, BODY, SIGNED_AT)).isFalse();
        Map<String, String> timestamp = vectorHeaders();
        timestamp.put("x-sinch-webhook-signature-timestamp", String.valueOf(SIGNED_AT + 1));
        assertThat(valid(timestamp, BODY, SIGNED_AT)).isFalse();
    }

    @Test
    void missingOddOrOversizeHeadersAreRefused() {
        for (String name : List.of("x-sinch-webhook-signature", "x-sinch-webhook-signature-algorithm",
                "x-sinch-webhook-signature-nonce", "x-sinch-webhook-signature-timestamp")) {
            Map<String, String> headers = vectorHeaders();
            headers.remove(name);
            assertThat(valid(headers, BODY, SIGNED_AT)).as("without " + name).isFalse();
        }
        Map<String, String> algorithm = vectorHeaders();
        algorithm.put("x-sinch-webhook-signature-algorithm", "HmacMD5");
        assertThat(valid(algorithm, BODY, SIGNED_AT)).isFalse();
        Map<String, String> notBase64 = vectorHeaders();
        notBase64.put("x-sinch-webhook-signature", "not base64!");
        assertThat(valid(notBase64, BODY, SIGNED_AT)).isFalse();
        Map<String, String> huge = vectorHeaders();
        huge.put("x-sinch-webhook-signature-timestamp", "9".repeat(40));
        assertThat(valid(huge, BODY, SIGNED_AT)).isFalse();
    }
}
