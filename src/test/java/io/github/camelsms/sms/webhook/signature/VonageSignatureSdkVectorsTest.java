package io.github.camelsms.sms.webhook.signature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.camelsms.sms.webhook.signature.VonageSignature.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked examples Vonage publishes with its own Java SDK (Vonage/vonage-java-sdk, RequestSigningTest, Apache-2.0):
 * a=alphabet, b=bananas, timestamp=2100, signature secret abcde.
 */
class VonageSignatureSdkVectorsTest {

    @ParameterizedTest
    @CsvSource({
            "MD5_HASH, 7d43241108912b32cc315b48ce681acf",
            "HMAC_SHA256, 8d1b0428276b6a070578225914c3502cc0687a454dfbbbb370c76a14234cb546" })
    void vonagesPublishedSignaturesVerify(Method method, String sig) {
        VonageSignature scheme = new VonageSignature("abcde", method, Clock.fixed(Instant.ofEpochSecond(2100),
                ZoneOffset.UTC));
        WebhookRequests post = WebhookRequests.post("https://example.com/dlr");
        Map.of("a", "alphabet", "b", "bananas", "timestamp", "2100").forEach(post::form);

        assertThat(scheme.verify(post.form("sig", sig).build()).valid()).isTrue();
        assertThat(scheme.verify(WebhookRequests.post("https://example.com/dlr").form("a", "alphabet")
                .form("b", "bananas!").form("timestamp", "2100").form("sig", sig).build()).valid()).isFalse();
    }
}
