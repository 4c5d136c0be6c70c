package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import io.github.camelsms.sms.spi.SmsWebhookSignature.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Ed25519 over {@code timestamp|body} with a time window, as Telnyx signs (developers.telnyx.com, "Receiving
 * webhooks": headers telnyx-signature-ed25519 and telnyx-timestamp). The primitive is checked with the test vectors of
 * RFC 8032, section 7.1 (https://www.rfc-editor.org/rfc/rfc8032#section-7.1), the framing with a key pair of the JDK.
 */
class Ed25519SignatureTest {

    private static final String SIGNATURE = "telnyx-signature-ed25519";
    private static final String TIMESTAMP = "telnyx-timestamp";
    private static final long SIGNED_AT = 1_700_000_000L;
    private static final String BODY = "{\"data\":{\"event_type\":\"message.finalized\",\"id\":\"b3c1\"}}";

    @ParameterizedTest
    @CsvSource({
            // TEST 1: the empty message
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, ,"
            + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            // TEST 2
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
            + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            // TEST 3
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
            + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
    })
    void verifiesTheRfc8032VectorsAndNothingNextToThem(String publicKey, String message, String signature) {
        byte[] key = HexFormat.of().parseHex(publicKey);
        byte[] data = message == null ? new byte[0] : HexFormat.of().parseHex(message);
        byte[] sig = HexFormat.of().parseHex(signature);
        assertThat(Ed25519Signature.verifies(key, data, sig)).isTrue();

        byte[] otherData = Arrays.copyOf(data, data.length + 1);
        assertThat(Ed25519Signature.verifies(key, otherData, sig)).isFalse();
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        assertThat(Ed25519Signature.verifies(key, data, flipped)).isFalse();
        assertThat(Ed25519Signature.verifies(key, data, Arrays.copyOf(sig, 63))).isFalse();
    }

    private final KeyPair telnyx = keyPair();

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte key, as Telnyx's portal shows it: the last 32 bytes of the X.509 encoding. */
    private static String rawPublicKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    private String sign(String timestamp, String body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(telnyx.getPrivate());
            signer.update((timestamp + "|" + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Verdict verify(long now, String timestamp, String body, String signature) {
        return verify(rawPublicKey(telnyx), now, timestamp, body, signature);
    }

    private static Verdict verify(String key, long now, String timestamp, String body, String signature) {
        Ed25519Signature scheme = new Ed25519Signature(key, SIGNATURE, TIMESTAMP,
                Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        WebhookRequests request = WebhookRequests.post("https://example.com/telnyx").json(body);
        if (timestamp != null) {
            request.header(TIMESTAMP, timestamp);
        }
        if (signature != null) {
            request.header(SIGNATURE, signature);
        }
        return scheme.verify(request.build());
    }

    @Test
    void acceptsTheSignedTimestampAndBodyInsideTheWindow() {
        String ts = Long.toString(SIGNED_AT);
        assertThat(verify(SIGNED_AT, ts, BODY, sign(ts, BODY)).valid()).isTrue();
        assertThat(verify(SIGNED_AT + 300, ts, BODY, sign(ts, BODY)).valid()).isTrue();
        assertThat(verify(SIGNED_AT - 300, ts, BODY, sign(ts, BODY)).valid()).isTrue();
    }

    @Test
    void refusesATamperedBodyOrTimestamp() {
        String ts = Long.toString(SIGNED_AT);
        String signature = sign(ts, BODY);
        assertThat(verify(SIGNED_AT, ts, BODY.replace("finalized", "sent"), signature).valid()).isFalse();
        assertThat(verify(SIGNED_AT, ts, BODY + "\n", signature).valid()).isFalse();
        assertThat(verify(SIGNED_AT, Long.toString(SIGNED_AT + 1), BODY, signature).valid()).isFalse();
        // the timestamp is only digits: nothing can move across the separator
        String shifted = sign(ts, "{\"a\":1}");
        assertThat(verify(SIGNED_AT, ts + "|{", "\"a\":1}", shifted).valid()).isFalse();
    }

    @Test
    void refusesAnExpiredAFutureOrAMissingTimestamp() {
        String ts = Long.toString(SIGNED_AT);
        Verdict replay = verify(SIGNED_AT + 301, ts, BODY, sign(ts, BODY));
        assertThat(replay.valid()).isFalse();
        assertThat(replay.reason()).contains("old");
        Verdict future = verify(SIGNED_AT - 301, ts, BODY, sign(ts, BODY));
        assertThat(future.valid()).isFalse();
        assertThat(future.reason()).contains("future");
        assertThat(verify(SIGNED_AT, null, BODY, sign(ts, BODY)).valid()).isFalse();
        assertThat(verify(SIGNED_AT, "-1", BODY, sign("-1", BODY)).valid()).isFalse();
        assertThat(verify(SIGNED_AT, "1e9", BODY, sign("1e9", BODY)).valid()).isFalse();
        assertThat(verify(SIGNED_AT, "9".repeat(40), BODY, sign("9".repeat(40), BODY)).valid()).isFalse();
    }

    @Test
    void refusesATruncatedHexOversizeOrMissingSignatureAndAWrongKey() {
        String ts = Long.toString(SIGNED_AT);
        byte[] signature = Base64.getDecoder().decode(sign(ts, BODY));
        assertThat(verify(SIGNED_AT, ts, BODY, Base64.getEncoder().encodeToString(Arrays.copyOf(signature, 63)))
                .valid()).isFalse();
        assertThat(verify(SIGNED_AT, ts, BODY, HexFormat.of().formatHex(signature)).valid()).isFalse();
        assertThat(verify(SIGNED_AT, ts, BODY, sign(ts, BODY) + "A".repeat(100_000)).valid()).isFalse();
        assertThat(verify(SIGNED_AT, ts, BODY, null).valid()).isFalse();
        assertThat(verify(SIGNED_AT, ts, BODY, "!!").valid()).isFalse();
        assertThat(verify(rawPublicKey(keyPair()), SIGNED_AT, ts, BODY, sign(ts, BODY)).valid()).isFalse();
    }

    @Test
    void refusesAPublicKeyThatIsNotBase64Of32Bytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Ed25519Signature("not base64!", SIGNATURE, TIMESTAMP));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ed25519Signature(
                Base64.getEncoder().encodeToString(new byte[31]), SIGNATURE, TIMESTAMP));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ed25519Signature(
                Base64.getEncoder().encodeToString(telnyx.getPublic().getEncoded()), SIGNATURE, TIMESTAMP));
    }
}
