package io.github.camelsms.sms.spi;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsJsonTest {

    private static final String[] NAMES = { "sid", "to", "status", "price" };

    /** Reading only some fields finds exactly what the whole tree gives for them, whatever the answer looks like. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sid\":\"SM1\",\"to\":\"+4522334488\",\"status\":\"queued\",\"price\":null,\"body\":\"x\"}",
            "{\"SID\":\"SM1\",\"Status\":\"sent\",\"price\":\"-0.0075\",\"to\":\"+45\"}",
            "{\"sid\":\"SM1\",\"Sid\":\"SM2\",\"price\":-0.00750,\"num_media\":\"0\"}",
            "{\"sid\":\"SM1\",\"sid\":\"SM2\",\"price\":1e-3,\"status\":true}",
            "{\"subresource_uris\":{\"media\":\"/x\",\"sid\":\"no\"},\"sid\":[\"a\"],\"to\":{\"n\":1},\"status\":7}",
            "{\"price\":12345678901234567890,\"sid\":\"\\u0053M\\\"1\\\"\",\"to\":\"æøå \\uD83D\\uDE00\"}",
            "{\"sid\":\"SM1\"} trailing",
            "{\"sid\":\"SM1\",\"body\":\"unterminated}",
            "{\"sid\":\"SM1\",\"media\":{\"a\":[1,2,}}",
            "[{\"sid\":\"SM1\"}]",
            "\"sid\"",
            "{}",
            "not json",
            "" })
    void onlyTheNamedFieldsAreReadAsTheTreeHasThem(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonNode whole = SmsJson.readOrNull(bytes);
        JsonNode some = SmsJson.readFieldsOrNull(bytes, NAMES);

        assertThat(some == null).isEqualTo(whole == null);
        if (whole == null) {
            return;
        }
        assertThat(some.isObject()).isEqualTo(whole.isObject());
        for (String name : NAMES) {
            assertThat(SmsJson.text(some, name)).as(name).isEqualTo(SmsJson.text(whole, name));
            assertThat(SmsJson.decimal(some, name)).as(name).isEqualTo(SmsJson.decimal(whole, name));
            assertThat(SmsJson.field(some, name)).as(name).isEqualTo(SmsJson.field(whole, name));
        }
        if (whole.isObject()) {
            assertThat(SmsJson.field(some, "body")).isNull();
        }
    }
}
