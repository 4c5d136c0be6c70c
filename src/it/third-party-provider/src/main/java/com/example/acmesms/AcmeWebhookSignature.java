package com.example.acmesms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * How Acme signs its delivery reports: {@code Acme-Signature: t=<unix seconds>,v1=<hex>}, where v1 is the
 * HMAC-SHA256, keyed with the secret key, of {@code t + "." + body}. A report signed more than five minutes from now
 * either way is refused, so a captured report cannot be replayed.
 */
final class AcmeWebhookSignature implements SmsWebhookSignature {

    static final String HEADER = "Acme-Signature";
    static final long WINDOW_SECONDS = 300;
    private static final int MAX_HEADER_CHARS = 256;

    private final SecretKeySpec key;
    private final Clock clock;

    AcmeWebhookSignature(String secretKey, Clock clock) {
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        String header = request.header().apply(HEADER);
        if (header == null || header.isBlank()) {
            return Verdict.refused("the " + HEADER + " header is missing");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            return Verdict.refused("the " + HEADER + " header is longer than " + MAX_HEADER_CHARS + " characters");
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("t=")) {
                t = trimmed.substring(2);
            } else if (trimmed.startsWith("v1=")) {
                v1 = trimmed.substring(3);
            }
        }
        if (t == null || t.isEmpty() || t.length() > 12 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.refused("the " + HEADER + " header has no timestamp t in Unix seconds");
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(t);
        if (Math.abs(age) > WINDOW_SECONDS) {
            return Verdict.refused("the report was signed " + age + " s ago, outside the " + WINDOW_SECONDS
                                   + " s window (a replay, or a clock that is wrong)");
        }
        byte[] given;
        try {
            given = v1 == null ? null : HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            given = null;
        }
        if (given == null) {
            return Verdict.refused("the " + HEADER + " header has no hex signature v1");
        }
        return MessageDigest.isEqual(mac(t, request.body()), given) ? Verdict.ok()
                : Verdict.refused("the " + HEADER + " signature does not match the body");
    }

    private byte[] mac(String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
