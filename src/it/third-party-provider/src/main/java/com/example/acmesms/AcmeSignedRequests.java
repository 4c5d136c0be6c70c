package com.example.acmesms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsAuthentication;

/**
 * Acme's request signature: {@code Authorization: ACME-HMAC keyId=<id>,ts=<unix seconds>,sig=<hex>}, where sig is
 * the HMAC-SHA256, keyed with the secret key, of {@code METHOD \n path \n ts \n body}; the path is the request's
 * path from the host root, query included. Acme refuses a timestamp more than five minutes off.
 */
final class AcmeSignedRequests implements SmsAuthentication {

    static final String ALGORITHM = "HmacSHA256";

    private final String keyId;
    private final SecretKeySpec key;
    private final String basePath;
    private final Clock clock;

    AcmeSignedRequests(String keyId, String secretKey, String basePath) {
        this(keyId, secretKey, basePath, Clock.systemUTC());
    }

    AcmeSignedRequests(String keyId, String secretKey, String basePath, Clock clock) {
        this.keyId = keyId;
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.basePath = basePath == null || basePath.equals("/") ? "" : basePath;
        this.clock = clock;
    }

    @Override
    public Map<String, String> headers(SmsHttpRequest request) {
        String ts = Long.toString(clock.instant().getEpochSecond());
        byte[] body = request.body() == null ? new byte[0] : request.body();
        String sig = HexFormat.of().formatHex(sign(key, request.method(), basePath + request.target(), ts, body));
        return Map.of("Authorization", "ACME-HMAC keyId=" + keyId + ",ts=" + ts + ",sig=" + sig);
    }

    @Override
    public List<String> secretsOnTheWire() {
        return List.of(); // the secret never travels: only a MAC made with it
    }

    /** The MAC of one request. */
    private static byte[] sign(SecretKeySpec key, String method, String path, String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((method + "\n" + path + "\n" + ts + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AcmeSignedRequests[keyId=" + keyId + "]";
    }
}
