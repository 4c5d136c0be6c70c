package io.github.camelsms.sms.webhook.signature;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * A JSON Web Token in a header, signed HMAC-SHA256 with a shared secret, whose claims are the report (GatewayAPI:
 * X-Gwapi-Signature). Only {@code "alg":"HS256"} is accepted (never {@code none} nor another algorithm named by the
 * token), a {@code crit} header is refused, and {@code exp}, {@code nbf} and {@code iat}, when present, are held to the
 * clock with five minutes of tolerance.
 */
public final class JwtHs256Signature implements SmsWebhookSignature {

    /** Far more than a report needs; the token is read before it is trusted. */
    static final int MAX_TOKEN_CHARS = 8192;
    private static final int MAC_BYTES = 32;
    private static final ObjectMapper BOUNDED_JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxNumberLength(32).maxStringLength(MAX_TOKEN_CHARS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final byte[] key;
    private final String header;
    private final ReplayWindow window;

    /**
     * @param secret the shared secret (GatewayAPI: the webhook's authentication token), used as its UTF-8 bytes
     * @param header the header that carries the token
     */
    public JwtHs256Signature(String secret, String header) {
        this(secret, header, Clock.systemUTC());
    }

    JwtHs256Signature(String secret, String header, Clock clock) {
        this.key = Signatures.utf8(secret);
        this.header = header;
        this.window = new ReplayWindow(clock, ReplayWindow.FIVE_MINUTES);
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        Checked checked = check(request);
        return checked.refusal == null ? Verdict.ok() : Verdict.refused(checked.refusal);
    }

    /**
     * The verified token's claims, numbers as Integer, Long, BigInteger or BigDecimal.
     *
     * @throws IllegalArgumentException saying why the token is refused
     */
    public Map<String, Object> claims(SmsWebhookRequest request) {
        Checked checked = check(request);
        if (checked.refusal != null) {
            throw new IllegalArgumentException(checked.refusal);
        }
        return checked.claims;
    }

    private record Checked(Map<String, Object> claims, String refusal) {

        static Checked refused(String refusal) {
            return new Checked(null, refusal);
        }
    }

    private Checked check(SmsWebhookRequest request) {
        String token = request.header().apply(header);
        String unusable = Signatures.unusable(header + " header", token, MAX_TOKEN_CHARS);
        if (unusable != null) {
            return Checked.refused(unusable);
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            return Checked.refused("the " + header + " header is not a signed JWT (three dot-separated parts)");
        }
        Map<String, Object> joseHeader = object(parts[0]);
        if (joseHeader == null) {
            return Checked.refused("the JWT header is not a JSON object in Base64url");
        }
        if (!"HS256".equals(joseHeader.get("alg"))) {
            return Checked.refused("the JWT is not signed HS256 (only HS256 is accepted)");
        }
        if (joseHeader.containsKey("crit")) {
            return Checked.refused("the JWT has critical header parameters, which are not understood");
        }
        byte[] mac = Signatures.fromBase64Url(parts[2]);
        byte[] expected = Signatures.hmac("HmacSHA256", key,
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (mac == null || mac.length != MAC_BYTES || !Signatures.sameBytes(expected, mac)) {
            return Checked.refused("the JWT's signature does not match");
        }
        Map<String, Object> claims = object(parts[1]);
        if (claims == null) {
            return Checked.refused("the JWT's claims are not a bounded JSON object");
        }
        String expired = timeRefusal(claims);
        return expired != null ? Checked.refused(expired) : new Checked(Collections.unmodifiableMap(claims), null);
    }

    private String timeRefusal(Map<String, Object> claims) {
        long now = window.nowSeconds();
        long tolerance = window.seconds();
        for (String claim : new String[] { "exp", "nbf", "iat" }) {
            if (!claims.containsKey(claim)) {
                continue;
            }
            Long seconds = numericDate(claims.get(claim));
            if (seconds == null) {
                return "the JWT's " + claim + " claim is not a NumericDate";
            }
            boolean refused = switch (claim) {
                case "exp" -> now - tolerance >= seconds;
                default -> seconds - tolerance > now; // nbf and iat: not in the future
            };
            if (refused) {
                return "exp".equals(claim) ? "the JWT expired (exp " + seconds + ")"
                        : "the JWT's " + claim + " is in the future (" + seconds + ")";
            }
        }
        return null;
    }

    private static Long numericDate(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        BigDecimal exact = value instanceof BigInteger big ? new BigDecimal(big)
                : value instanceof BigDecimal decimal ? decimal : null;
        if (exact == null || exact.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return null;
        }
        return exact.longValue();
    }

    private static Map<String, Object> object(String base64url) {
        byte[] json = Signatures.fromBase64Url(base64url);
        if (json == null || json.length == 0 || json[0] != '{') {
            return null;
        }
        try {
            return BOUNDED_JSON.readValue(json, OBJECT);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
