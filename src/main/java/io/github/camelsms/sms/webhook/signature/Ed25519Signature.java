package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.HexFormat;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * An Ed25519 signature over {@code timestamp + "|" + raw body}, Base64 in one header, the Unix timestamp in another,
 * which must be within five minutes of now (Telnyx: telnyx-signature-ed25519 and telnyx-timestamp).
 */
public final class Ed25519Signature implements SmsWebhookSignature {

    private static final int KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;
    /** The X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), followed by the 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey publicKey;
    private final String signatureHeader;
    private final String timestampHeader;
    private final ReplayWindow window;

    /**
     * @param publicKeyBase64 the provider's public key: Base64 of its 32 raw bytes
     * @throws IllegalArgumentException when the key is not that
     */
    public Ed25519Signature(String publicKeyBase64, String signatureHeader, String timestampHeader) {
        this(publicKeyBase64, signatureHeader, timestampHeader, Clock.systemUTC());
    }

    Ed25519Signature(String publicKeyBase64, String signatureHeader, String timestampHeader, Clock clock) {
        byte[] raw = publicKeyBase64 == null ? null : Signatures.fromBase64(publicKeyBase64.trim());
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the Ed25519 public key must be the Base64 of 32 bytes");
        }
        this.publicKey = publicKey(raw);
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.window = new ReplayWindow(clock, ReplayWindow.FIVE_MINUTES);
    }

    private static PublicKey publicKey(byte[] raw) {
        byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Ed25519 public key is not a valid key", e);
        }
    }

    /** Whether the signature is the raw 32-byte key's over the message. */
    static boolean verifies(byte[] rawPublicKey, byte[] message, byte[] signature) {
        return verifies(publicKey(rawPublicKey), new byte[0], message, signature);
    }

    private static boolean verifies(PublicKey key, byte[] prefix, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(prefix);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a signature the JDK cannot even decode
        }
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        String given = request.header().apply(signatureHeader);
        String unusable = Signatures.unusable(signatureHeader + " header", given, Signatures.MAX_SIGNATURE_CHARS);
        if (unusable != null) {
            return Verdict.refused(unusable);
        }
        String timestamp = request.header().apply(timestampHeader);
        String stale = window.refusal(timestampHeader + " header", timestamp == null ? null : timestamp.trim());
        if (stale != null) {
            return Verdict.refused(stale);
        }
        byte[] signature = Signatures.fromBase64(given.trim());
        if (signature == null) {
            return Verdict.refused("the " + signatureHeader + " header is not Base64");
        }
        byte[] signedPrefix = (timestamp.trim() + "|").getBytes(StandardCharsets.UTF_8);
        return verifies(publicKey, signedPrefix, request.body(), signature) ? Verdict.ok()
                : Verdict.refused("the " + signatureHeader + " header does not match the timestamp and body");
    }
}
