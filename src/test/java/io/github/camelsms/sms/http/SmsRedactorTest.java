package io.github.camelsms.sms.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsProviders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.spi.SmsHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SmsRedactorTest {

    private static final String SECRET = "tøken/with+æ&ø=42";

    private static SmsRedactor redactor() {
        SmsConfiguration configuration = new SmsConfiguration();
        configuration.setAuthToken(SECRET);
        return SmsRedactor.of(configuration, SmsProviders.find("twilio"), SmsAuthentication.basic("AC123", SECRET));
    }

    /** Every form of the secret, in answers with multi-byte text and broken UTF-8 around it. */
    @ParameterizedTest
    @ValueSource(strings = { "tøken/with+æ&ø=42", "t%C3%B8ken%2Fwith%2B%C3%A6%26%C3%B8%3D42",
                             "t%25C3%25B8ken%252Fwith%252B%25C3%25A6%2526%25C3%25B8%253D42",
                             "t\\u00f8ken/with+\\u00e6&\\u00f8=42", "tøken\\/with+æ&ø=42",
                             "QUMxMjM6dMO4a2VuL3dpdGgrw6Ymw7g9NDI%3d" })
    void aSecretInAnAnswerIsFoundAndMaskedInEveryForm(String form) {
        SmsRedactor redactor = redactor();
        for (String around : new String[] { "%s", "æøå %s ÆØÅ", "{\"echo\":\"%s\"}" }) {
            byte[] body = around.formatted(form).getBytes(StandardCharsets.UTF_8);
            byte[] broken = new byte[body.length + 2];
            broken[0] = (byte) 0xC3; // a lead byte without its continuation, just before the secret
            System.arraycopy(body, 0, broken, 1, body.length);
            broken[broken.length - 1] = (byte) 0xE2;
            for (byte[] bytes : new byte[][] { body, broken }) {
                SmsHttpResponse redacted = redactor.redact(new SmsHttpResponse(200, Map.of(), bytes));
                assertThat(redacted.bodyAsString()).contains(SmsRedactor.MASK).doesNotContain(form);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"status\":\"queued\"}", "tøken/with+æ&ø=4", "øken/with+æ&ø=42 æøå" })
    void anAnswerWithoutASecretIsKeptAsItIs(String text) {
        SmsHttpResponse response = new SmsHttpResponse(201, Map.of("X", "y"), text.getBytes(StandardCharsets.UTF_8));
        assertThat(redactor().redact(response)).isSameAs(response);
        assertThat(redactor().containsSecret(text)).isFalse();
    }
}
