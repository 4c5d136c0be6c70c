package io.github.camelsms.sms.webhook.signature;

import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/** An HMAC over the raw request body, sent in a header, hex or Base64 encoded. */
public final class BodyHmacSignature implements SmsWebhookSignature {

    /** How the header carries the MAC: hex (either case) or standard Base64. */
    public enum Encoding {
        HEX, BASE64
    }

    private final byte[] key;
    private final String algorithm;
    private final Encoding encoding;
    private final String header;

    /**
     * @param key       the shared secret, used as its UTF-8 bytes
     * @param algorithm a JDK MAC name, such as HmacSHA256
     * @param encoding  how the header encodes the MAC
     * @param header    the header that carries it
     * @throws IllegalArgumentException when the JDK has no such MAC
     */
    public BodyHmacSignature(String key, String algorithm, Encoding encoding, String header) {
        try {
            Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("the JDK has no MAC algorithm " + algorithm, e);
        }
        this.key = Signatures.utf8(key);
        this.algorithm = algorithm;
        this.encoding = encoding;
        this.header = header;
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        String given = request.header().apply(header);
        String unusable = Signatures.unusable(header + " header", given, Signatures.MAX_SIGNATURE_CHARS);
        if (unusable != null) {
            return Verdict.refused(unusable);
        }
        byte[] mac = encoding == Encoding.HEX ? Signatures.fromHex(given.trim()) : Signatures.fromBase64(given.trim());
        if (mac == null) {
            return Verdict.refused("the " + header + " header is not " + encoding.name().toLowerCase() + " encoded");
        }
        byte[] expected = Signatures.hmac(algorithm, key, request.body());
        return Signatures.sameBytes(expected, mac) ? Verdict.ok()
                : Verdict.refused("the " + header + " header does not match the body");
    }
}
