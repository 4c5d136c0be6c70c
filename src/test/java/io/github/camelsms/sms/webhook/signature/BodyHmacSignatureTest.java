package io.github.camelsms.sms.webhook.signature;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhookSignature.Verdict;
import io.github.camelsms.sms.webhook.signature.BodyHmacSignature.Encoding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HMAC over the raw body. The vector is RFC 4231, test case 2 (HMAC-SHA256, key "Jefe", data "what do ya want for
 * nothing?"), https://www.rfc-editor.org/rfc/rfc4231#section-4.3.
 */
class BodyHmacSignatureTest {

    private static final String KEY = "Jefe";
    private static final String BODY = "what do ya want for nothing?";
    private static final String RFC4231_HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String HEADER = "X-Signature";

    private final SmsWebhookSignature hex = new BodyHmacSignature(KEY, "HmacSHA256", Encoding.HEX, HEADER);
    private final SmsWebhookSignature base64 = new BodyHmacSignature(KEY, "HmacSHA256", Encoding.BASE64, HEADER);

    private static Verdict verify(SmsWebhookSignature scheme, String body, String signature) {
        return scheme.verify(WebhookRequests.post("https://example.com/dlr").json(body).header(HEADER, signature)
                .build());
    }

    private static String rfcBase64() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC4231_HEX));
    }

    @Test
    void acceptsTheRfc4231VectorInHexAndBase64() {
        assertThat(verify(hex, BODY, RFC4231_HEX).valid()).isTrue();
        assertThat(verify(base64, BODY, rfcBase64()).valid()).isTrue();
    }

    @Test
    void hexIsTheSameSignatureInEitherCase() {
        assertThat(verify(hex, BODY, RFC4231_HEX.toUpperCase(Locale.ROOT)).valid()).isTrue();
    }

    @Test
    void refusesATamperedBody() {
        assertThat(verify(hex, BODY + " ", RFC4231_HEX).valid()).isFalse();
        assertThat(verify(hex, BODY.replace('w', 'W'), RFC4231_HEX).valid()).isFalse();
        assertThat(verify(base64, "", rfcBase64()).valid()).isFalse();
    }

    @Test
    void refusesASignatureInAnotherEncodingOrCase() {
        assertThat(verify(hex, BODY, rfcBase64()).valid()).isFalse();
        assertThat(verify(base64, BODY, RFC4231_HEX).valid()).isFalse();
        assertThat(verify(base64, BODY, rfcBase64().toLowerCase(Locale.ROOT)).valid()).isFalse();
    }

    @Test
    void refusesATruncatedOrPaddedSignature() {
        assertThat(verify(hex, BODY, RFC4231_HEX.substring(0, 62)).valid()).isFalse();
        assertThat(verify(hex, BODY, RFC4231_HEX.substring(0, 63)).valid()).isFalse();
        assertThat(verify(hex, BODY, RFC4231_HEX + "00").valid()).isFalse();
        assertThat(verify(base64, BODY, rfcBase64().substring(0, 40)).valid()).isFalse();
    }

    @Test
    void refusesAWrongKeyAMissingOrOversizeHeader() {
        SmsWebhookSignature wrongKey = new BodyHmacSignature("jefe", "HmacSHA256", Encoding.HEX, HEADER);
        assertThat(verify(wrongKey, BODY, RFC4231_HEX).valid()).isFalse();
        assertThat(verify(hex, BODY, null).valid()).isFalse();
        assertThat(verify(hex, BODY, "").valid()).isFalse();
        Verdict oversize = verify(hex, BODY, RFC4231_HEX + "0".repeat(100_000));
        assertThat(oversize.valid()).isFalse();
        assertThat(oversize.reason()).contains("longer than");
    }

    @Test
    void refusesAnAlgorithmTheJdkDoesNotHaveWhenBuilt() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new BodyHmacSignature(KEY, "HmacSHA999", Encoding.HEX, HEADER))
                .withMessageContaining("HmacSHA999");
    }
}
