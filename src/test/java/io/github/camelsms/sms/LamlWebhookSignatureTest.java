package io.github.camelsms.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.twilio.security.RequestValidator;
import io.github.camelsms.sms.provider.laml.LamlWebhookSignature;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.camelsms.sms.WebhookTestSupport.params;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The component's LaML signature code against an independent implementation: Twilio's own RequestValidator
 * (twilio-java), both ways.
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
        String ours = LamlWebhookSignature.compute(TOKEN, url, multi(params));

        assertThat(twilio.validate(url, params, ours)).isTrue();
        assertThat(LamlWebhookSignature.isValid(TOKEN, url, multi(params), ours)).isTrue();
        assertThat(ours).isEqualTo(LamlSignature.sign(TOKEN, url, params));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void rejectsWhatTwilioRejects(String url, Map<String, String> params) {
        String ours = LamlWebhookSignature.compute(TOKEN, url, multi(params));
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Injected", "1");

        assertThat(LamlWebhookSignature.isValid(TOKEN, url, multi(tampered), ours)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(url, tampered, ours)).isFalse();
        assertThat(LamlWebhookSignature.isValid("54321", url, multi(params), ours)).isFalse();
        assertThat(LamlWebhookSignature.isValid(TOKEN, url + "x", multi(params), ours)).isFalse();
        assertThat(LamlWebhookSignature.isValid(TOKEN, url, multi(params), "")).isFalse();
        assertThat(LamlWebhookSignature.isValid(TOKEN, url, multi(params), null)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void acceptsTheUrlWithOrWithoutTheDefaultPortLikeTwilio(String url, Map<String, String> params) {
        String withoutPort = url.replace("https://example.com:443/", "https://example.com/");
        String withPort = url.replace("https://example.com/", "https://example.com:443/");
        String signedWithout = LamlWebhookSignature.compute(TOKEN, withoutPort, multi(params));

        assertThat(LamlWebhookSignature.isValid(TOKEN, withPort, multi(params), signedWithout)).isTrue();
        assertThat(new RequestValidator(TOKEN).validate(withPort, params, signedWithout)).isTrue();
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }
}
