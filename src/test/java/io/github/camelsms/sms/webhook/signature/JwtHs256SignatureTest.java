package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.camelsms.sms.spi.SmsWebhookSignature.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A JWT signed HS256 whose claims are the report, as GatewayAPI sends in X-Gwapi-Signature. The sample token and its
 * secret "secret" are GatewayAPI's own (onlinecity/gatewayapi-docs, docs/rest.rst, "Webhooks", the JWT code examples).
 */
class JwtHs256SignatureTest {

    private static final String HEADER = "X-Gwapi-Signature";
    private static final String SECRET = "secret";
    private static final String GATEWAYAPI_SAMPLE = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
            + ".eyJpZCI6MjM4MTcwMywibXNpc2RuIjo0NTQyNjA5MDQ1LCJ0aW1lIjoxNTIyNzY0MDYyLCJzdGF0dXMiOiJERUxJVkVSRUQiLCJl"
            + "cnJvciI6bnVsbCwiY29kZSI6bnVsbCwidXNlcnJlZiI6bnVsbCwiY2FsbGJhY2tfdXJsIjoiaHR0cDovL2JiYWY3MTQyLm5ncm9rLmlv"
            + "IiwiYXBpIjo0fQ.KdfDH65bnQtgxEkFnpAQodOciAJedZFB13r9wEo8t3Y";
    private static final long NOW = 1_700_000_000L;

    private static JwtHs256Signature scheme(String secret) {
        return new JwtHs256Signature(secret, HEADER, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    private static Verdict verify(String token) {
        return scheme(SECRET).verify(request(token));
    }

    private static io.github.camelsms.sms.spi.SmsWebhookRequest request(String token) {
        WebhookRequests request = WebhookRequests.post("https://example.com/gwapi").json("{}");
        if (token != null) {
            request.header(HEADER, token);
        }
        return request.build();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A token signed with HMAC-SHA256 whatever its header says, as an attacker holding the secret could not. */
    private static String token(String header, String claims, String secret) {
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(String claims) {
        return token("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", claims, SECRET);
    }

    @Test
    void acceptsGatewayApisSampleTokenAndReturnsItsClaims() {
        assertThat(verify(GATEWAYAPI_SAMPLE).valid()).isTrue();
        Map<String, Object> claims = scheme(SECRET).claims(request(GATEWAYAPI_SAMPLE));
        assertThat(claims).containsEntry("id", 2381703).containsEntry("msisdn", 4542609045L)
                .containsEntry("status", "DELIVERED").containsEntry("error", null)
                .containsEntry("callback_url", "http://bbaf7142.ngrok.io").containsEntry("api", 4);
    }

    @Test
    void refusesAlgNoneHs512Rs256AndAnyOtherSpelling() {
        String[] payloadAndSignature = GATEWAYAPI_SAMPLE.substring(GATEWAYAPI_SAMPLE.indexOf('.') + 1).split("\\.");
        for (String header : new String[] {
                "{\"typ\":\"JWT\",\"alg\":\"none\"}", "{\"typ\":\"JWT\",\"alg\":\"HS512\"}",
                "{\"typ\":\"JWT\",\"alg\":\"RS256\"}", "{\"typ\":\"JWT\",\"alg\":\"hs256\"}",
                "{\"typ\":\"JWT\",\"alg\":\"HS256 \"}", "{\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":[\"HS256\"]}",
                "{\"alg\":\"HS256\",\"alg\":\"none\"}", "[\"HS256\"]", "\"HS256\"" }) {
            Verdict keptSignature = verify(b64(header) + "." + payloadAndSignature[0] + "." + payloadAndSignature[1]);
            assertThat(keptSignature.valid()).as(header).isFalse();
            Verdict resigned = verify(token(header, "{\"id\":1}", SECRET));
            assertThat(resigned.valid()).as(header).isFalse();
        }
        assertThat(verify(b64("{\"alg\":\"none\"}") + "." + payloadAndSignature[0] + ".").valid()).isFalse();
    }

    @Test
    void refusesACriticalHeaderItDoesNotUnderstand() {
        assertThat(verify(token("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"id\":1}", SECRET)).valid()).isFalse();
    }

    @Test
    void refusesATamperedPayloadAWrongSecretAndATruncatedSignature() {
        String[] parts = GATEWAYAPI_SAMPLE.split("\\.");
        String undelivered = b64("{\"id\":2381703,\"msisdn\":4542609045,\"time\":1522764062,\"status\":\"REJECTED\"}");
        assertThat(verify(parts[0] + "." + undelivered + "." + parts[2]).valid()).isFalse();
        assertThat(scheme("Secret").verify(request(GATEWAYAPI_SAMPLE)).valid()).isFalse();
        assertThat(verify(GATEWAYAPI_SAMPLE.substring(0, GATEWAYAPI_SAMPLE.length() - 1)).valid()).isFalse();
        assertThat(verify(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20)).valid()).isFalse();
        assertThat(verify(parts[0] + "." + parts[1] + ".").valid()).isFalse();
        assertThat(verify(parts[0] + "." + parts[1]).valid()).isFalse();
        assertThat(verify(GATEWAYAPI_SAMPLE + "." + parts[2]).valid()).isFalse();
        assertThat(verify(parts[0] + "." + parts[1] + "." + parts[2] + "=").valid()).isFalse();
        assertThat(verify(null).valid()).isFalse();
    }

    @Test
    void refusesAnExpiredANotYetValidOrAFutureIssuedToken() {
        assertThat(verify(hs256("{\"id\":1,\"exp\":" + (NOW + 60) + ",\"iat\":" + (NOW - 60) + "}")).valid()).isTrue();
        Verdict expired = verify(hs256("{\"id\":1,\"exp\":" + (NOW - 301) + "}"));
        assertThat(expired.valid()).isFalse();
        assertThat(expired.reason()).contains("exp");
        assertThat(verify(hs256("{\"id\":1,\"nbf\":" + (NOW + 301) + "}")).valid()).isFalse();
        assertThat(verify(hs256("{\"id\":1,\"iat\":" + (NOW + 301) + "}")).valid()).isFalse();
        assertThat(verify(hs256("{\"id\":1,\"exp\":\"tomorrow\"}")).valid()).isFalse();
        assertThat(verify(hs256("{\"id\":1,\"exp\":1e400}")).valid()).isFalse();
    }

    @Test
    void refusesAnOversizeTokenAndClaimsThatAreNotABoundedObject() {
        Verdict oversize = verify(hs256("{\"id\":\"" + "x".repeat(20_000) + "\"}"));
        assertThat(oversize.valid()).isFalse();
        assertThat(oversize.reason()).contains("longer than");
        assertThat(verify(hs256("[1,2]")).valid()).isFalse();
        assertThat(verify(hs256("{\"id\":1} trailing")).valid()).isFalse();
        assertThat(verify(hs256("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")).valid()).isFalse();
        assertThat(verify(hs256("{\"n\":1" + "0".repeat(200) + "}")).valid()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> scheme(SECRET).claims(request(hs256("[1]"))));
    }
}
