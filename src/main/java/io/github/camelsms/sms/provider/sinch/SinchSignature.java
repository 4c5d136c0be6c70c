package io.github.camelsms.sms.provider.sinch;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * Sinch's callback HMAC, arranged per service plan through the account manager (SMS release notes, 2025-02-13):
 * {@code x-sinch-webhook-signature} is Base64(HMAC(secret, raw body + "." + nonce + "." + timestamp)) with the
 * algorithm {@code x-sinch-webhook-signature-algorithm} names, the nonce and the Unix timestamp in their own headers
 * (as sinch-sdk-java's HmacAuthenticationValidation verifies it; the SMS pages describe no more). Unlike the SDK, the
 * comparison takes constant time and the timestamp must be within five minutes of now, so a captured callback cannot
 * be replayed later.
 */
final class SinchSignature implements SmsWebhookSignature {

    static final String SIGNATURE = "x-sinch-webhook-signature";
    static final String NONCE = "x-sinch-webhook-signature-nonce";
    static final String TIMESTAMP = "x-sinch-webhook-signature-timestamp";
    static final String ALGORITHM = "x-sinch-webhook-signature-algorithm";
    static final Duration WINDOW = Duration.ofMinutes(5);

    /** The MACs a header may name; anything else is refused rather than looked up. */
    private static final Set<String> ALGORITHMS = Set.of("HmacSHA256", "HmacSHA512", "HmacSHA1");
    private static final int MAX_HEADER_CHARS = 256;

    private final byte[] secret;
    private final Clock clock;

    SinchSignature(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        String signature = header(request, SIGNATURE);
        String nonce = header(request, NONCE);
        String timestamp = header(request, TIMESTAMP);
        String algorithm = header(request, ALGORITHM);
        if (signature == null || nonce == null || timestamp == null || algorithm == null) {
            return Verdict.refused("the " + SIGNATURE + ", -nonce, -timestamp and -algorithm headers are not all"
                                   + " there (or one is longer than " + MAX_HEADER_CHARS + " characters)");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            return Verdict.refused("the " + ALGORITHM + " header names no algorithm Sinch signs with");
        }
        String stale = staleness(timestamp);
        if (stale != null) {
            return Verdict.refused(stale);
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.refused("the " + SIGNATURE + " header is not Base64");
        }
        byte[] expected = mac(algorithm, signedBytes(request.body(), nonce, timestamp));
        return MessageDigest.isEqual(expected, given) ? Verdict.ok()
                : Verdict.refused("the " + SIGNATURE + " header does not match the body");
    }

    private static String header(SmsWebhookRequest request, String name) {
        String value = request.header().apply(name);
        return value == null || value.isBlank() || value.length() > MAX_HEADER_CHARS ? null : value.strip();
    }

    /** Why the timestamp is refused (not Unix seconds, or outside the window either way), or null. */
    private String staleness(String timestamp) {
        if (timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "the " + TIMESTAMP + " header is not a Unix time in seconds";
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > WINDOW.toSeconds()) {
            return "the " + TIMESTAMP + " header is more than " + WINDOW.toSeconds() + " s " + (age > 0
                    ? "old (a replay, or a clock behind)" : "in the future (a clock ahead)");
        }
        return null;
    }

    /** The raw body, then "." nonce "." timestamp, as bytes: the body is signed exactly as it arrived. */
    private static byte[] signedBytes(byte[] body, String nonce, String timestamp) {
        byte[] suffix = ("." + nonce + "." + timestamp).getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[body.length + suffix.length];
        System.arraycopy(body, 0, data, 0, body.length);
        System.arraycopy(suffix, 0, data, body.length, suffix.length);
        return data;
    }

    private byte[] mac(String algorithm, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
