package io.github.camelsms.sms.provider.laml;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads LaML answers: message resources (numbers as numbers or strings, dates in RFC 2822 or ISO 8601) and
 * Twilio-style error bodies {code, message, more_info, status}.
 */
final class LamlResponses {

    /** Far more segments than a 1600-character body can take. */
    private static final int MAX_SEGMENTS = 1000;
    private static final int MAX_MEDIA = 100;
    private static final int MAX_DATE_LENGTH = 64;
    private static final Instant END_OF_9999 = Instant.ofEpochSecond(253_402_300_800L);

    private LamlResponses() {
    }

    static SmsMessage message(JsonNode json) {
        SmsMessage m = new SmsMessage();
        m.setSid(SmsJson.text(json, "sid"));
        m.setAccountSid(SmsJson.text(json, "account_sid"));
        m.setTo(SmsJson.text(json, "to"));
        m.setFrom(SmsJson.text(json, "from"));
        m.setBody(SmsJson.text(json, "body"));
        m.setStatus(SmsJson.text(json, "status"));
        m.setDirection(SmsJson.text(json, "direction"));
        m.setNumSegments(integer(json, "num_segments", MAX_SEGMENTS));
        m.setNumMedia(integer(json, "num_media", MAX_MEDIA));
        m.setPrice(SmsJson.decimal(json, "price"));
        m.setPriceUnit(SmsJson.text(json, "price_unit"));
        m.setErrorCode(SmsJson.text(json, "error_code"));
        m.setErrorMessage(SmsJson.text(json, "error_message"));
        m.setDateCreated(date(json, "date_created"));
        m.setDateSent(date(json, "date_sent"));
        m.setDateUpdated(date(json, "date_updated"));
        m.setUri(SmsJson.text(json, "uri"));
        return m;
    }

    private static Integer integer(JsonNode json, String name, int max) {
        Long value = SmsJson.integer(json, 0, max, name);
        return value == null ? null : value.intValue();
    }

    /**
     * A date in RFC 2822 (Twilio, SignalWire) or ISO 8601 (the mycpaas docs); null when absent. Throws
     * {@link IllegalArgumentException} when it is unreadable or outside 1970 to 9999.
     */
    private static Instant date(JsonNode json, String name) {
        String text = SmsJson.text(json, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant date = text.length() > MAX_DATE_LENGTH ? null : LamlDates.parse(text);
        if (date == null || date.isBefore(Instant.EPOCH) || !date.isBefore(END_OF_9999)) {
            String shown = text.length() <= MAX_DATE_LENGTH ? text : text.substring(0, MAX_DATE_LENGTH) + "...";
            throw new IllegalArgumentException("the field '" + name + "' holds '" + shown + "', not a date from 1970"
                                               + " to 9999");
        }
        return date;
    }

    static SmsException toException(String provider, SmsHttpResponse response, SmsHttpRequest request,
                                     String operation) {
        JsonNode json = response.jsonOrNull();
        String code = SmsJson.text(json, "code");
        String message = SmsJson.text(json, "message");
        String moreInfo = SmsJson.text(json, "more_info");
        int status = response.statusCode();
        Kind kind = code != null && code.startsWith("21") && code.length() == 5 ? Kind.VALIDATION
                : SmsErrors.kindOf(status);
        String hint = switch (status) {
            case 401 -> "Check the credentials: the Account SID may be wrong, the Auth Token wrong or padded with"
                        + " spaces, the token recently rotated, or the credentials belong to another provider ("
                        + provider + " needs its own Account SID and Auth Token)";
            case 404 -> "The message or account does not exist; check the CamelSmsMessageId header and the Account SID";
            case 429 -> "The provider limits the request rate: wait and try again";
            default -> status >= 500 ? "The provider had a server error: try again later" : null;
        };
        if (moreInfo != null) {
            hint = hint == null ? "See " + moreInfo : hint + ". See " + moreInfo;
        }
        return SmsErrors.fromResponse(kind, provider, operation, request, response, code, message, hint);
    }
}
