package io.github.camelsms.sms.provider.laml;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LamlDatesTest {

    @ParameterizedTest
    @ValueSource(strings = { "Mon, 23 Nov 2026 09:00:00 +0000", "Thu, 29 Feb 2024 23:59:59 +0000",
                             "Wed, 01 Jan 2025 00:00:00 -0500", "Fri, 31 Dec 1999 12:30:15 +0130" })
    void readsTheRfc2822LayoutByHandAsTheFormatterDoes(String text) {
        Instant expected = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(LamlDates.rfc2822(text)).isEqualTo(expected);
        assertThat(LamlDates.parse(text)).isEqualTo(expected);
    }

    @Test
    void otherLayoutsFallBackToTheFormatters() {
        assertThat(LamlDates.rfc2822("Tue, 3 Nov 2026 09:00:00 GMT")).isNull();
        assertThat(LamlDates.parse("Tue, 3 Nov 2026 09:00:00 GMT")).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
        assertThat(LamlDates.parse("2026-11-23T09:00:00+01:00")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(LamlDates.parse("2026-11-23T09:00:00Z")).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void unreadableOrImpossibleDatesAreNull() {
        assertThat(LamlDates.parse(null)).isNull();
        assertThat(LamlDates.parse(" ")).isNull();
        assertThat(LamlDates.parse("yesterday")).isNull();
        assertThat(LamlDates.parse("Mon, 32 Nov 2026 09:00:00 +0000")).isNull();
        assertThat(LamlDates.parse("Mon, 23 Foo 2026 09:00:00 +0000")).isNull();
        assertThat(LamlDates.parse("Mon, 23 Nov 2026 25:00:00 +0000")).isNull();
        assertThat(LamlDates.parse("Tue, 23 Nov 2026 09:00:00 +0000")).as("23 Nov 2026 is a Monday").isNull();
    }
}
