package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the schemes share: bounded decoding of a signature, MACs and digests, and the one way to compare. */
final class Signatures {

    /** Longer than any signature the schemes produce (HMAC-SHA512 in hex is 128 characters). */
    static final int MAX_SIGNATURE_CHARS = 512;

    private Signatures() {
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time for equal lengths; the length of a MAC is no secret. */
    static boolean sameBytes(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** Hex in either case; null when it is not hex. */
    static byte[] fromHex(String text) {
        try {
            return text.length() % 2 == 0 ? HexFormat.of().parseHex(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Standard Base64 with its padding; null when it is not. */
    static byte[] fromBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Base64url without padding (JWT, RFC 7515); null when it is not. */
    static byte[] fromBase64Url(String text) {
        if (text.indexOf('=') >= 0) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why a header value is unusable as a signature (missing or oversize), or null when it can be checked. */
    static String unusable(String name, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            return "the " + name + " is missing";
        }
        if (value.length() > maxChars) {
            return "the " + name + " is longer than " + maxChars + " characters";
        }
        return null;
    }
}
