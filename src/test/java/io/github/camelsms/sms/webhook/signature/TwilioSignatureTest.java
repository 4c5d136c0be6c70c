package io.github.camelsms.sms.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelsms.sms.spi.SmsWebhookSignature.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's scheme. The vector is Twilio's own worked example (https://www.twilio.com/docs/usage/security, "Validating
 * requests are coming from Twilio"): auth token 12345, that URL and those five parameters sign to
 * 0/KCTR6DLpKmkAf8muzZqo1nDgQ=.
 */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DOCUMENTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private static final String HEADER = "X-Twilio-Signature";

    private final TwilioSignature twilio = new TwilioSignature(TOKEN, List.of("X-SignalWire-Signature", HEADER));

    private static Map<String, String> documentedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", "+12349013030");
        params.put("Digits", "1234");
        params.put("From", "+12349013030");
        params.put("To", "+18005551212");
        return params;
    }

    private Verdict verify(Map<String, String> params, String signature) {
        return twilio.verify(WebhookRequests.post(URL).form(params).header(HEADER, signature).build());
    }

    @Test
    void acceptsTwiliosDocumentedExampleInAnyParameterOrder() {
        assertThat(verify(documentedParams(), DOCUMENTED).valid()).isTrue();
        Map<String, String> reordered = new LinkedHashMap<>();
        List.of("To", "Digits", "CallSid", "From", "Caller").forEach(n -> reordered.put(n, documentedParams().get(n)));
        assertThat(verify(reordered, DOCUMENTED).valid()).isTrue();
    }

    @Test
    void refusesATamperedDuplicatedOrMissingParameter() {
        Map<String, String> tampered = documentedParams();
        tampered.put("Digits", "9999");
        assertThat(verify(tampered, DOCUMENTED).valid()).isFalse();
        Map<String, String> missing = documentedParams();
        missing.remove("Caller");
        assertThat(verify(missing, DOCUMENTED).valid()).isFalse();
        Verdict duplicated = twilio.verify(WebhookRequests.post(URL).form(documentedParams())
                .form("Digits", "1234", "1234").header(HEADER, DOCUMENTED).build());
        assertThat(duplicated.valid()).isFalse();
        // the same parameters moved into the URL's query are another request
        assertThat(twilio.verify(WebhookRequests.post(URL + "&Digits=1234").form(documentedParams())
                .header(HEADER, DOCUMENTED).build()).valid()).isFalse();
    }

    @Test
    void refusesASignatureInAnotherCaseEncodingOrLength() {
        assertThat(verify(documentedParams(), DOCUMENTED.toLowerCase(Locale.ROOT)).valid()).isFalse();
        String hex = HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(DOCUMENTED));
        assertThat(verify(documentedParams(), hex).valid()).isFalse();
        assertThat(verify(documentedParams(), DOCUMENTED.substring(0, 27)).valid()).isFalse();
        assertThat(verify(documentedParams(), DOCUMENTED.replace("=", "")).valid()).isFalse();
        Verdict oversize = verify(documentedParams(), DOCUMENTED + " ".repeat(100_000) + "x");
        assertThat(oversize.valid()).isFalse();
        assertThat(oversize.reason()).contains("longer than");
    }

    @Test
    void refusesAWrongKeyAndAMissingHeader() {
        TwilioSignature wrongKey = new TwilioSignature("54321", List.of(HEADER));
        assertThat(wrongKey.verify(WebhookRequests.post(URL).form(documentedParams()).header(HEADER, DOCUMENTED)
                .build()).valid()).isFalse();
        Verdict unsigned = twilio.verify(WebhookRequests.post(URL).form(documentedParams()).build());
        assertThat(unsigned.valid()).isFalse();
        assertThat(unsigned.reason()).contains("X-SignalWire-Signature or X-Twilio-Signature");
    }

    @Test
    void aJsonBodyMustMatchTheSignedBodySha256() throws Exception {
        String body = "{\"MessageSid\":\"SM1\",\"MessageStatus\":\"delivered\"}";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        String url = "https://example.com/dlr?bodySHA256=" + hash;
        String signature = TwilioSignature.compute(TOKEN, url, Map.of());

        WebhookRequests signed = WebhookRequests.post(url).query("bodySHA256", hash).header(HEADER, signature);
        assertThat(twilio.verify(signed.json(body).build()).valid()).isTrue();
        Verdict tampered = twilio.verify(signed.json(body.replace("delivered", "failed")).build());
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.reason()).contains("bodySHA256");
    }
}
