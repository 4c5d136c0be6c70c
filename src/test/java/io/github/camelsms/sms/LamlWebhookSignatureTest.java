package io.github.camelsms.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.twilio.security.RequestValidator;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.webhook.signature.TwilioSignature;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.camelsms.sms.WebhookTestSupport.params;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The component's LaML signature check (the kit's TwilioSignature, as LaML declares it) against independent
 * implementations: Twilio's own RequestValidator (twilio-java) and the simulator's signer.
 */
class LamlWebhookSignatureTest {

    private static final String TOKEN = "12345";

    static Stream<Arguments> requests() {
        return Stream.of(
                arguments("https://mycompany.com/myapp.php?foo=1&bar=2",
                        params("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                                "From", "+12349013030", "To", "+18005551212")),
                arguments("https://example.com/sms/status", params()),
                arguments("http://127.0.0.1:8080/sms/in?webhookVerifyToken=a%2Bb",
                        params("Body", "Hej & farvel, æøå 😀", "From", "+4522334488", "MessageSid", "SM1",
                                "MediaUrl0", "https://x.example/a.jpg?s=1&t=2")),
                arguments("https://example.com:443/dlr", params("b", "2", "a", "1", "A", "0")));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void matchesTwilioRequestValidator(String url, Map<String, String> params) {
        RequestValidator twilio = new RequestValidator(TOKEN);
        String signature = LamlSignature.sign(TOKEN, url, params);

        assertThat(twilio.validate(url, params, signature)).isTrue();
        assertThat(isValid(TOKEN, url, params, signature)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void rejectsWhatTwilioRejects(String url, Map<String, String> params) {
        String signature = LamlSignature.sign(TOKEN, url, params);
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Injected", "1");

        assertThat(isValid(TOKEN, url, tampered, signature)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(url, tampered, signature)).isFalse();
        assertThat(isValid("54321", url, params, signature)).isFalse();
        assertThat(isValid(TOKEN, url + "x", params, signature)).isFalse();
        assertThat(isValid(TOKEN, url, params, "")).isFalse();
        assertThat(isValid(TOKEN, url, params, null)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void acceptsTheUrlWithOrWithoutTheDefaultPortLikeTwilio(String url, Map<String, String> params) {
        String withoutPort = url.replace("https://example.com:443/", "https://example.com/");
        String withPort = url.replace("https://example.com/", "https://example.com:443/");
        String signedWithout = LamlSignature.sign(TOKEN, withoutPort, params);

        assertThat(isValid(TOKEN, withPort, params, signedWithout)).isTrue();
        assertThat(new RequestValidator(TOKEN).validate(withPort, params, signedWithout)).isTrue();
    }

    /** A form POST to that URL with those parameters and the signature in X-Twilio-Signature. */
    private static boolean isValid(String token, String url, Map<String, String> params, String signature) {
        SmsWebhookRequest request = new SmsWebhookRequest("POST", url, Map.of(), multi(params),
                name -> "X-Twilio-Signature".equalsIgnoreCase(name) ? signature : null, new byte[0]);
        return new TwilioSignature(token, List.of("X-Twilio-Signature")).verify(request).valid();
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }
}
