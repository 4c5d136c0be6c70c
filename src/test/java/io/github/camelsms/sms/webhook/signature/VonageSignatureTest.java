package io.github.camelsms.sms.webhook.signature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.camelsms.sms.spi.SmsWebhookSignature.Verdict;
import io.github.camelsms.sms.webhook.signature.VonageSignature.Method;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vonage's signed webhooks (developer.vonage.com/en/getting-started/concepts/signing-messages): every parameter but
 * sig, sorted by name, '&' and '=' in names and values replaced by '_', joined as {@code &name=value}; MD5 hash:
 * md5(that + secret); HMAC: HMAC(secret, that); hex. Vonage's page has no worked example, so the expected values were
 * computed with Python's hashlib and hmac from that description.
 */
class VonageSignatureTest {

    private static final String SECRET = "S3cr3tSignatureKey";
    private static final long SIGNED_AT = 1_700_000_000L;
    private static final String MD5_HASH = "c929220c36681adb5eb4c09a45f1a728";
    private static final String HMAC_SHA256 = "2F5B646F544BD7D19E699B75514BAB6F2EF977E4FE130868F3367766C222D1D0";
    private static final String HMAC_SHA512 = "F894806E2557E1B4B1271C0DB1A328A5BDEC4A8DA6BE4A7D91F2F8759274DFB8"
                                              + "272AA5FE8B9BC40C74C9C42BEC15E4290CA5B957E38226DE5CFAD6A7C6D595EA";
    private static final String HMAC_MD5 = "E0168E242CB3D469C755B59A88720E87";
    private static final String HMAC_SHA1 = "12BCA8581B22642FF633054E7596468218C6C244";

    private static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("msisdn", "447700900001");
        params.put("to", "AcmeInc");
        params.put("messageId", "0A0000000123ABCD1");
        params.put("status", "delivered");
        params.put("err-code", "0");
        params.put("message-timestamp", "2020-01-01 12:00:00");
        params.put("client-ref", "a&b=c");
        params.put("timestamp", Long.toString(SIGNED_AT));
        params.put("nonce", "6e2a8c0e-1f1e-4d56-9a0b-6b1b6c2b3d4e");
        return params;
    }

    private static VonageSignature scheme(Method method, long nowSeconds) {
        return new VonageSignature(SECRET, method,
                Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC));
    }

    private static Verdict verifyForm(Method method, Map<String, String> params, String sig) {
        return scheme(method, SIGNED_AT + 10).verify(
                WebhookRequests.post("https://example.com/dlr").form(params).form("sig", sig).build());
    }

    @Test
    void acceptsEachMethodOverFormAndQuery() {
        assertThat(verifyForm(Method.MD5_HASH, params(), MD5_HASH).valid()).isTrue();
        assertThat(verifyForm(Method.HMAC_MD5, params(), HMAC_MD5).valid()).isTrue();
        assertThat(verifyForm(Method.HMAC_SHA1, params(), HMAC_SHA1).valid()).isTrue();
        assertThat(verifyForm(Method.HMAC_SHA256, params(), HMAC_SHA256).valid()).isTrue();
        assertThat(verifyForm(Method.HMAC_SHA512, params(), HMAC_SHA512).valid()).isTrue();

        WebhookRequests get = WebhookRequests.get("https://example.com/dlr");
        params().forEach(get::query);
        get.query("sig", HMAC_SHA256);
        assertThat(scheme(Method.HMAC_SHA256, SIGNED_AT).verify(get.build()).valid()).isTrue();
    }

    @Test
    void hexIsTheSameSignatureInEitherCaseButNotInBase64() {
        assertThat(verifyForm(Method.MD5_HASH, params(), MD5_HASH.toUpperCase(Locale.ROOT)).valid()).isTrue();
        assertThat(verifyForm(Method.HMAC_SHA256, params(), HMAC_SHA256.toLowerCase(Locale.ROOT)).valid()).isTrue();
        String base64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(HMAC_SHA256));
        assertThat(verifyForm(Method.HMAC_SHA256, params(), base64).valid()).isFalse();
    }

    @Test
    void refusesATamperedAddedOrRemovedParameter() {
        Map<String, String> tampered = params();
        tampered.put("status", "failed");
        assertThat(verifyForm(Method.HMAC_SHA256, tampered, HMAC_SHA256).valid()).isFalse();
        Map<String, String> added = params();
        added.put("price", "0.03");
        assertThat(verifyForm(Method.HMAC_SHA256, added, HMAC_SHA256).valid()).isFalse();
        Map<String, String> removed = params();
        removed.remove("nonce");
        assertThat(verifyForm(Method.MD5_HASH, removed, MD5_HASH).valid()).isFalse();
    }

    @Test
    void theOrderOfParametersDoesNotMatterButARepeatedOneIsRefused() {
        Map<String, String> reversed = new LinkedHashMap<>();
        java.util.List<String> names = new java.util.ArrayList<>(params().keySet());
        java.util.Collections.reverse(names);
        names.forEach(name -> reversed.put(name, params().get(name)));
        assertThat(verifyForm(Method.HMAC_SHA256, reversed, HMAC_SHA256).valid()).isTrue();

        Verdict repeated = scheme(Method.HMAC_SHA256, SIGNED_AT).verify(WebhookRequests.post("https://example.com/dlr")
                .form(params()).form("status", "delivered", "failed").form("sig", HMAC_SHA256).build());
        assertThat(repeated.valid()).isFalse();
        assertThat(repeated.reason()).contains("status");

        Verdict inQueryAndForm = scheme(Method.HMAC_SHA256, SIGNED_AT).verify(WebhookRequests
                .post("https://example.com/dlr").query("status", "failed").form(params()).form("sig", HMAC_SHA256)
                .build());
        assertThat(inQueryAndForm.valid()).isFalse();
    }

    /** Vonage's own Java SDK leaves blank values out of what it signs and verifies (RequestSigning). */
    @Test
    void aBlankParameterIsNotSigned() {
        Map<String, String> withBlank = params();
        withBlank.put("account-ref", "");
        assertThat(verifyForm(Method.HMAC_SHA256, withBlank, HMAC_SHA256).valid()).isTrue();
    }

    @Test
    void refusesAnExpiredAFutureOrAMissingTimestamp() {
        String fresh = "https://example.com/dlr";
        assertThat(scheme(Method.HMAC_SHA256, SIGNED_AT + 300).verify(WebhookRequests.post(fresh).form(params())
                .form("sig", HMAC_SHA256).build()).valid()).isTrue();
        Verdict old = scheme(Method.HMAC_SHA256, SIGNED_AT + 301).verify(WebhookRequests.post(fresh).form(params())
                .form("sig", HMAC_SHA256).build());
        assertThat(old.valid()).isFalse();
        assertThat(old.reason()).contains("old");
        Verdict future = scheme(Method.HMAC_SHA256, SIGNED_AT - 301).verify(WebhookRequests.post(fresh)
                .form(params()).form("sig", HMAC_SHA256).build());
        assertThat(future.valid()).isFalse();
        assertThat(future.reason()).contains("future");

        Map<String, String> untimed = params();
        untimed.remove("timestamp");
        assertThat(verifyForm(Method.HMAC_SHA256, untimed, HMAC_SHA256).valid()).isFalse();
        Map<String, String> odd = params();
        odd.put("timestamp", "1700000000.0");
        assertThat(verifyForm(Method.HMAC_SHA256, odd, HMAC_SHA256).valid()).isFalse();
    }

    @Test
    void refusesATruncatedOversizeOrMissingSigAWrongSecretAndAnotherMethod() {
        assertThat(verifyForm(Method.HMAC_SHA256, params(), HMAC_SHA256.substring(0, 63)).valid()).isFalse();
        assertThat(verifyForm(Method.HMAC_SHA256, params(), HMAC_SHA256.substring(0, 62)).valid()).isFalse();
        assertThat(verifyForm(Method.HMAC_SHA256, params(), HMAC_SHA256 + "0".repeat(100_000)).valid()).isFalse();
        assertThat(verifyForm(Method.HMAC_SHA256, params(), "").valid()).isFalse();
        assertThat(verifyForm(Method.HMAC_MD5, params(), MD5_HASH).valid()).isFalse();
        assertThat(verifyForm(Method.MD5_HASH, params(), HMAC_MD5).valid()).isFalse();
        VonageSignature wrongSecret = new VonageSignature("another", Method.HMAC_SHA256,
                Clock.fixed(Instant.ofEpochSecond(SIGNED_AT), ZoneOffset.UTC));
        assertThat(wrongSecret.verify(WebhookRequests.post("https://example.com/dlr").form(params())
                .form("sig", HMAC_SHA256).build()).valid()).isFalse();
    }
}
