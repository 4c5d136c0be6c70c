package io.github.camelsms.sms.provider.laml;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * LaML dates: RFC 2822 (Twilio, SignalWire: "Mon, 23 Nov 2026 09:00:00 +0000") or ISO 8601 (the mycpaas docs).
 * Every message resource carries three of them, so the usual RFC 2822 layout is read by hand: DateTimeFormatter
 * costs microseconds and kilobytes per date, and trying the wrong format first costs an exception.
 */
final class LamlDates {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String DAYS = "MonTueWedThuFriSatSun";

    private LamlDates() {
    }

    /** The instant, or null when the text is absent or unreadable. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (Character.isDigit(t.charAt(0))) {
            return iso(t);
        }
        Instant fast = rfc2822(t);
        if (fast != null) {
            return fast;
        }
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant iso(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** "EEE, dd MMM yyyy HH:mm:ss +hhmm" exactly; null for any other layout (the formatter then decides). */
    static Instant rfc2822(String t) {
        if (t.length() != 31 || t.charAt(3) != ',' || t.charAt(4) != ' ' || t.charAt(7) != ' ' || t.charAt(11) != ' '
            || t.charAt(16) != ' ' || t.charAt(19) != ':' || t.charAt(22) != ':' || t.charAt(25) != ' ') {
            return null;
        }
        int month = MONTHS.indexOf(t.substring(8, 11));
        int day = digits(t, 5, 2);
        int year = digits(t, 12, 4);
        int hour = digits(t, 17, 2);
        int minute = digits(t, 20, 2);
        int second = digits(t, 23, 2);
        int offset = digits(t, 27, 4);
        char sign = t.charAt(26);
        if (month < 0 || month % 3 != 0 || day < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
            || second < 0 || second > 59 || offset < 0 || (sign != '+' && sign != '-')) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(year, month / 3 + 1, day);
            if (DAYS.indexOf(t.substring(0, 3)) != (date.getDayOfWeek().getValue() - 1) * 3) {
                return null; // a wrong day name: the formatter rejects it too
            }
            long days = date.toEpochDay();
            int offsetSeconds = (offset / 100 * 3600 + offset % 100 * 60) * (sign == '-' ? -1 : 1);
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
