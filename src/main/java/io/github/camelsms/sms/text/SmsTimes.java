package io.github.camelsms.sms.text;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads the time values users put in headers.
 */
public final class SmsTimes {

    private SmsTimes() {
    }

    /**
     * An Instant from an Instant, ZonedDateTime, OffsetDateTime, Date, epoch seconds (a number or digits) or an ISO-8601
     * string; null when the value is null; throws IllegalArgumentException for anything else.
     */
    public static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        } else if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        } else if (value instanceof Date date) {
            return date.toInstant();
        } else if (value instanceof Number number) {
            try {
                return Instant.ofEpochSecond(number.longValue());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("out of range: " + number + " epoch seconds");
            }
        }
        String text = value.toString().trim();
        if (text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a time: use an Instant, ZonedDateTime, OffsetDateTime, Date,"
                                                   + " epoch seconds or an ISO-8601 string with an offset");
            }
        }
    }
}
