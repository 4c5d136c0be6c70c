package io.github.camelsms.sms.provider.telnyx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads Telnyx answers: the message resource ({@code {"data": {...}}}, or bare as the cancel answer documents it) and
 * the error body {@code {"errors": [{code, title, detail, source, meta}]}}
 * (developers.telnyx.com/development/api-fundamentals/api-errors).
 */
final class TelnyxResponses {

    static final Pattern MESSAGE_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** The statuses with which a send's answer declares that the message will not go out. */
    private static final Set<String> FAILED_STATUSES = Set.of("sending_failed", "delivery_failed", "expired");
    private static final int MAX_PARTS = 1000;
    private static final int MAX_TEXT = 64;

    private TelnyxResponses() {
    }

    /** The message resource of an answer: in {@code data}, or the body itself; null when neither is one. */
    static JsonNode message(JsonNode json) {
        JsonNode data = json == null ? null : json.get("data");
        JsonNode message = data != null && data.isObject() ? data : json;
        return message != null && message.isObject() && message.hasNonNull("id") ? message : null;
    }

    /** The recipient entry of a message for the number, or null when it lists none for it. */
    static JsonNode recipient(JsonNode message, String number) {
        JsonNode to = message.get("to");
        if (to == null || !to.isArray()) {
            return null;
        }
        for (JsonNode entry : to) {
            if (number.equals(SmsJson.text(entry, "phone_number"))) {
                return entry;
            }
        }
        return null;
    }

    /**
     * A send's outcome for the number sent: accepted with the message id, or rejected when the answer itself declares
     * the message failed. An answer without a message id, or one that does not name the number sent, accounts for
     * nothing: unreadable, so the send is in doubt.
     */
    static SmsRecipientResult sent(String provider, String operation, String to, SmsHttpRequest request,
                                   SmsHttpResponse response) {
        JsonNode message = message(response.jsonOrNull());
        if (message == null) {
            throw SmsErrors.unreadable(provider, operation, request, response, "no message resource with an id");
        }
        String id = SmsJson.text(message, "id");
        if (!MESSAGE_ID.matcher(id).matches()) {
            throw SmsErrors.unreadable(provider, operation, request, response, "a message id that is not a UUID ('"
                                                                               + shown(id) + "')");
        }
        JsonNode recipient = recipient(message, to);
        if (recipient == null) {
            throw SmsErrors.unreadable(provider, operation, request, response, "a message resource that does not list"
                                                                               + " the number sent (" + to + ")");
        }
        String status = SmsJson.text(recipient, "status");
        if (status != null && FAILED_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            JsonNode error = firstError(message);
            String why = error != null && SmsJson.text(error, "title", "detail") != null
                    ? SmsJson.text(error, "detail", "title") : "Telnyx created the message with status " + status;
            return new SmsRecipientResult(to, false, id, SmsRecipientResult.REJECTED, null,
                    error == null ? null : SmsJson.text(error, "code"), why);
        }
        JsonNode cost = message.get("cost");
        BigDecimal amount = cost == null || !cost.isObject() ? null : SmsJson.decimal(cost, "amount");
        return SmsRecipientResult.accepted(to, id, status, amount == null ? null : amount.abs());
    }

    /** The message resource as an {@link SmsMessage}; throws {@link IllegalArgumentException} on absurd values. */
    static SmsMessage toMessage(JsonNode json) {
        SmsMessage m = new SmsMessage();
        m.setSid(SmsJson.text(json, "id"));
        JsonNode to = json.get("to");
        JsonNode first = to != null && to.isArray() && !to.isEmpty() ? to.get(0) : null;
        m.setTo(SmsJson.text(first, "phone_number"));
        m.setStatus(SmsJson.text(first, "status"));
        JsonNode from = json.get("from");
        m.setFrom(from != null && from.isObject() ? SmsJson.text(from, "phone_number") : SmsJson.text(json, "from"));
        m.setBody(SmsJson.text(json, "text"));
        m.setDirection(SmsJson.text(json, "direction"));
        Long parts = SmsJson.integer(json, 0, MAX_PARTS, "parts");
        m.setNumSegments(parts == null ? null : parts.intValue());
        JsonNode media = json.get("media");
        m.setNumMedia(media != null && media.isArray() ? media.size() : null);
        JsonNode cost = json.get("cost");
        if (cost != null && cost.isObject()) {
            m.setPrice(SmsJson.decimal(cost, "amount"));
            m.setPriceUnit(SmsJson.text(cost, "currency"));
        }
        JsonNode error = firstError(json);
        if (error != null) {
            m.setErrorCode(SmsJson.text(error, "code"));
            m.setErrorMessage(SmsJson.text(error, "detail", "title"));
        }
        m.setDateCreated(date(json, "received_at"));
        m.setDateSent(date(json, "sent_at"));
        m.setDateUpdated(date(json, "completed_at"));
        return m;
    }

    private static JsonNode firstError(JsonNode message) {
        JsonNode errors = message.get("errors");
        return errors != null && errors.isArray() && !errors.isEmpty() && errors.get(0).isObject() ? errors.get(0)
                : null;
    }

    /** An ISO 8601 date-time; null when absent; throws {@link IllegalArgumentException} when unreadable. */
    static Instant date(JsonNode json, String name) {
        String text = SmsJson.text(json, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the field '" + name + "' holds '" + shown(text) + "', not a date");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the field '" + name + "' holds '" + text + "', not an ISO 8601 date");
        }
    }

    /**
     * A Telnyx message status as the component's. Telnyx's final statuses are delivered, delivery_failed,
     * sending_failed, delivery_unconfirmed and expired (developers.telnyx.com/docs/messaging/messages/receiving-webhooks).
     */
    static DeliveryStatus status(String status) {
        if (status == null) {
            return DeliveryStatus.UNKNOWN;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "scheduled" -> DeliveryStatus.SCHEDULED;
            case "queued" -> DeliveryStatus.QUEUED;
            case "sending" -> DeliveryStatus.SENDING;
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "delivery_failed" -> DeliveryStatus.UNDELIVERED;
            case "sending_failed" -> DeliveryStatus.FAILED;
            case "expired" -> DeliveryStatus.ABANDONED;
            case "cancelled", "canceled" -> DeliveryStatus.CANCELED;
            case "received", "webhook_delivered" -> DeliveryStatus.RECEIVED;
            default -> DeliveryStatus.UNKNOWN; // delivery_unconfirmed among them: final, outcome unknown
        };
    }

    static SmsException toException(String provider, SmsHttpResponse response, SmsHttpRequest request,
                                    String operation) {
        JsonNode json = response.jsonOrNull();
        JsonNode errors = json == null ? null : json.get("errors");
        JsonNode error = errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
        String code = SmsJson.text(error, "code");
        String title = SmsJson.text(error, "title");
        String detail = SmsJson.text(error, "detail");
        JsonNode source = error == null ? null : error.get("source");
        String field = SmsJson.text(source, "pointer", "parameter");
        int status = response.statusCode();
        Kind kind = kindOf(code, status);
        StringBuilder said = new StringBuilder();
        if (title != null) {
            said.append(title);
        }
        if (detail != null && !detail.equals(title)) {
            said.append(said.isEmpty() ? "" : ": ").append(detail);
        }
        if (field != null) {
            said.append(" (").append(field).append(')');
        }
        String hint = switch (kind) {
            case AUTHENTICATION -> "Check the apiKey option: a Telnyx API v2 key from the portal's API Keys page, sent"
                                   + " as a Bearer token";
            case FORBIDDEN -> "40300".equals(code)
                    ? "The recipient replied STOP to this sender: Telnyx blocks messages to it"
                    : "The API key may not use this resource or number";
            case INSUFFICIENT_CREDIT -> "Top up the Telnyx account balance";
            case RATE_LIMIT -> "Telnyx limits the request rate (see its x-ratelimit-reset header): wait and try again";
            case NOT_FOUND -> "The message does not exist or is more than 10 days old; check the CamelSmsMessageId"
                              + " header";
            default -> status >= 500 ? "Telnyx had a server error: try again later" : null;
        };
        return SmsErrors.fromResponse(kind, provider, operation, request, response, code,
                said.isEmpty() ? null : said.toString(), hint);
    }

    /** The kind by Telnyx's code where it is one of its documented ones, else by the HTTP status. */
    private static Kind kindOf(String code, int status) {
        if (code != null) {
            switch (code) {
                case "10009":
                    return Kind.AUTHENTICATION;
                case "10010":
                    return Kind.FORBIDDEN;
                case "10011":
                    return Kind.RATE_LIMIT;
                case "10005":
                    return Kind.NOT_FOUND;
                case "10002", "10003", "10004", "10015", "10016":
                    return status >= 500 ? Kind.PROVIDER : Kind.VALIDATION;
                case "40300":
                    return Kind.FORBIDDEN;
                default:
                    break;
            }
        }
        return SmsErrors.kindOf(status);
    }

    private static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
