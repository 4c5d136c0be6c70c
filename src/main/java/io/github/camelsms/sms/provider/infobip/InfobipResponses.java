package io.github.camelsms.sms.provider.infobip;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads Infobip's answers: both error formats, message statuses, logs and the balance.
 * <p>
 * Error bodies come in two forms (infobip-api-java-client's ApiError and ApiExceptionDetailsResolver; the rate-limit
 * page, https://www.infobip.com/docs/essentials/api-essentials/rate-limits-and-throttling, says some endpoints still
 * answer the older one): {@code {"errorCode":"E401","description",...,"violations":[{property,violation}]}} and
 * {@code {"requestError":{"serviceException":{"messageId":"UNAUTHORIZED","text",...,"validationErrors":{...}}}}}.
 */
final class InfobipResponses {

    /** Infobip's date format, yyyy-MM-dd'T'HH:mm:ss.SSSZ (the logs, reports and sendAt). */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** REJECTED_NOT_ENOUGH_CREDITS, status id 12 of group 5 REJECTED
     * (https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes). */
    static final String NO_CREDIT = "REJECTED_NOT_ENOUGH_CREDITS";
    private static final int MAX_VIOLATIONS = 5;

    private InfobipResponses() {
    }

    static SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode json = response.jsonOrNull();
        JsonNode legacy = SmsJson.field(SmsJson.field(json, "requestError"), "serviceException");
        String code;
        StringBuilder detail = new StringBuilder();
        if (legacy != null && legacy.isObject()) {
            code = SmsJson.text(legacy, "messageId");
            append(detail, SmsJson.text(legacy, "text"));
            JsonNode errors = SmsJson.field(legacy, "validationErrors");
            if (errors != null && errors.isObject()) {
                int n = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext() && n < MAX_VIOLATIONS;
                     n++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    append(detail, e.getKey() + ": " + (e.getValue().isArray() && !e.getValue().isEmpty()
                            ? e.getValue().get(0).asText() : e.getValue().asText()));
                }
            }
        } else {
            code = SmsJson.text(json, "errorCode");
            append(detail, SmsJson.text(json, "description"));
            JsonNode violations = SmsJson.field(json, "violations");
            if (violations != null && violations.isArray()) {
                for (int i = 0; i < Math.min(violations.size(), MAX_VIOLATIONS); i++) {
                    JsonNode v = violations.get(i);
                    append(detail, SmsJson.text(v, "property") + ": " + SmsJson.text(v, "violation"));
                }
            }
        }
        if (detail.isEmpty() && json == null && response.body().length > 0 && response.body().length < 300) {
            detail.append(response.bodyAsString().strip());
        }
        int status = response.statusCode();
        return SmsErrors.fromResponse(SmsErrors.kindOf(status), InfobipProvider.NAME, operation, request, response,
                code, detail.toString(), hint(status));
    }

    private static void append(StringBuilder detail, String text) {
        if (text != null && !text.isBlank()) {
            detail.append(detail.isEmpty() ? "" : "; ").append(text.strip());
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "Check the apiKey option (an API key from the Infobip web interface, sent as 'App <key>') and"
                        + " that baseUrl is your account's own base URL";
            case 403 -> "The API key lacks the scope this call needs (sms:message:send, sms:logs:read,"
                        + " account-management:manage): give the key that scope in Infobip";
            case 404 -> "Nothing found for the ids given, or the base URL is wrong";
            case 429 -> "Infobip throttles this call: wait and try again";
            default -> status >= 500 ? "Infobip had a server error" : null;
        };
    }

    /** The send's answer was accepted but every destination lacked the credit: the account has none. */
    static SmsException noCredit(String operation, SmsHttpRequest request, SmsHttpResponse response) {
        return SmsErrors.fromResponse(Kind.INSUFFICIENT_CREDIT, InfobipProvider.NAME, operation, request, response,
                NO_CREDIT, "every destination was rejected for lack of credit",
                "Top up the Infobip account and send again (nothing was sent)");
    }

    /**
     * The status an Infobip status object stands for (groups: 1 PENDING, 2 UNDELIVERABLE, 3 DELIVERED, 4 EXPIRED,
     * 5 REJECTED; DELIVERED_TO_OPERATOR is not final although its group is DELIVERED; message-status-codes page).
     */
    static DeliveryStatus deliveryStatus(JsonNode status) {
        String group = SmsJson.text(status, "groupName");
        String name = SmsJson.text(status, "name");
        if (group == null) {
            return DeliveryStatus.UNKNOWN;
        }
        return switch (group.toUpperCase(java.util.Locale.ROOT)) {
            case "ACCEPTED" -> DeliveryStatus.ACCEPTED;
            case "PENDING" -> "PENDING_ACCEPTED".equals(name) ? DeliveryStatus.ACCEPTED
                    : "PENDING_ENROUTE".equals(name) ? DeliveryStatus.SENDING : DeliveryStatus.SENT;
            case "DELIVERED" -> "DELIVERED_TO_OPERATOR".equals(name) ? DeliveryStatus.SENT : DeliveryStatus.DELIVERED;
            case "UNDELIVERABLE" -> DeliveryStatus.UNDELIVERED;
            case "EXPIRED" -> DeliveryStatus.ABANDONED;
            case "REJECTED" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNKNOWN;
        };
    }

    /** A time in Infobip's format (or ISO-8601 with a zone), or null when absent. */
    static Instant time(JsonNode node, String field) {
        String text = SmsJson.text(node, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 40) {
            throw new IllegalArgumentException("the field '" + field + "' is not a date");
        }
        try {
            return OffsetDateTime.parse(text, DATE).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("the field '" + field + "' holds '" + text + "', not a date");
            }
        }
    }

    /** One entry of {@code GET /sms/3/logs} (SDK SmsLog) as a message. */
    static SmsMessage message(JsonNode log) {
        SmsMessage message = new SmsMessage();
        message.setSid(SmsJson.text(log, "messageId"));
        message.setTo(SmsJson.text(log, "destination", "to"));
        message.setFrom(SmsJson.text(log, "sender", "from"));
        message.setBody(SmsJson.text(SmsJson.field(log, "content"), "text"));
        JsonNode status = SmsJson.field(log, "status");
        message.setStatus(SmsJson.text(status, "name"));
        message.setDirection("outbound");
        Long count = SmsJson.integer(log, 0, 1000, "messageCount", "smsCount");
        message.setNumSegments(count == null ? null : count.intValue());
        JsonNode price = SmsJson.field(log, "price");
        message.setPrice(SmsJson.decimal(price, "pricePerMessage"));
        message.setPriceUnit(SmsJson.text(price, "currency"));
        JsonNode error = SmsJson.field(log, "error");
        Long errorId = SmsJson.integer(error, 0, Integer.MAX_VALUE, "id");
        if (errorId != null && errorId != 0) {
            message.setErrorCode(SmsJson.text(error, "name"));
            message.setErrorMessage(SmsJson.text(error, "description"));
        }
        message.setDateSent(time(log, "sentAt"));
        message.setDateUpdated(time(log, "doneAt"));
        return message;
    }

    static List<SmsMessage> messages(JsonNode json) {
        JsonNode results = SmsJson.field(json, "results");
        if (results == null || !results.isArray()) {
            throw new IllegalArgumentException("no results array");
        }
        List<SmsMessage> messages = new ArrayList<>(results.size());
        results.forEach(log -> messages.add(message(log)));
        return messages;
    }

    /** The balance of {@code GET /account/1/balance}; throws IllegalArgumentException when unreadable. */
    static BigDecimal balance(JsonNode json) {
        BigDecimal balance = SmsJson.decimal(json, "balance");
        if (balance == null) {
            throw new IllegalArgumentException("no balance");
        }
        return balance;
    }
}
