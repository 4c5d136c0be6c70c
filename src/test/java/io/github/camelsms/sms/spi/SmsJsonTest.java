package io.github.camelsms.sms.spi;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            assertThat(decimalOrFailure(some, name)).as(name).isEqualTo(decimalOrFailure(whole, name));
            assertThat(SmsJson.field(some, name)).as(name).isEqualTo(SmsJson.field(whole, name));
        }
        if (whole.isObject()) {
            assertThat(SmsJson.field(some, "body")).isNull();
        }
    }

    @Test
    void amountsAreReadWithinBounds() {
        assertThat(SmsJson.decimal(json("{\"cost\":\"-0.00750\"}"), "cost")).isEqualByComparingTo("-0.0075");
        assertThat(SmsJson.decimal(json("{\"cost\":1e3}"), "cost")).isEqualByComparingTo("1000");
        assertThat(SmsJson.decimal(json("{\"cost\":\" \"}"), "cost")).isNull();
        assertThat(SmsJson.decimal(json("{\"cost\":999999999999999.5}"), "cost")).isNotNull();
        for (String absurd : new String[] { "1e16", "1e2000000000", "-1e2000000000", "1e-21", "\"1e10000000\"",
                "\"" + "1".repeat(65) + "\"", "\"free\"", "[1]", "true" }) {
            assertThatThrownBy(() -> SmsJson.decimal(json("{\"cost\":" + absurd + "}"), "cost")).as(absurd)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cost'")
                    .hasMessageNotContaining("0".repeat(50));
        }
    }

    @Test
    void wholeNumbersAreReadWithinTheirRange() {
        assertThat(SmsJson.integer(json("{\"n\":\"2\"}"), 0, 10, "n")).isEqualTo(2L);
        assertThat(SmsJson.integer(json("{\"n\":2.0}"), 0, 10, "n")).isEqualTo(2L);
        assertThat(SmsJson.integer(json("{\"n\":1e1}"), 0, 10, "n")).isEqualTo(10L);
        assertThat(SmsJson.integer(json("{\"n\":null}"), 0, 10, "n")).isNull();
        for (String absurd : new String[] { "11", "-1", "2.5", "1e10000000", "4294967297" }) {
            assertThatThrownBy(() -> SmsJson.integer(json("{\"n\":" + absurd + "}"), 0, 10, "n")).as(absurd)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'n'");
        }
    }

    private static JsonNode json(String text) {
        return SmsJson.readOrNull(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The field as an amount, or the message of the exception that refuses it. */
    private static Object decimalOrFailure(JsonNode node, String name) {
        try {
            return SmsJson.decimal(node, name);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
