package io.github.camelsms.sms.provider.sinch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads Sinch's answers: batches, pages of batches and the error bodies, in the three shapes Sinch uses
 * ({@code {"code","text"}} for 400 and 403, {@code {"error":{"code","message","status"}}} and a problem
 * {@code {"type","title"}} for 429; developers.sinch.com/docs/sms/api-reference/status-codes/).
 */
final class SinchResponses {

    /** Longer than any batch id Sinch gives (26-character ULIDs); a longer one is absurd. */
    private static final int MAX_ID_LENGTH = 100;
    private static final int MAX_RECIPIENTS = 1000;

    private SinchResponses() {
    }

    /**
     * One result per number sent, in order: each number the answer's {@code to} echoes is accepted under the batch id
     * (Sinch gives no id per recipient); a number it does not echo is in doubt, since the batch was created and may
     * hold it. An answer without a batch id fails the whole request as unreadable (in doubt).
     */
    static List<SmsRecipientResult> sent(JsonNode batch, List<String> sentTo, String operation,
                                         SmsHttpRequest request, SmsHttpResponse response) {
        String id = batchId(batch);
        if (id == null) {
            throw SmsErrors.unreadable(SinchProvider.NAME, operation, request, response, "no batch id");
        }
        Set<String> echoed = new HashSet<>();
        JsonNode to = batch.get("to");
        if (to != null && to.isArray() && to.size() <= MAX_RECIPIENTS) {
            to.forEach(n -> echoed.add(digits(n.asText())));
        }
        String status = isFuture(SmsJson.text(batch, "send_at")) ? "scheduled" : "queued";
        List<SmsRecipientResult> results = new ArrayList<>(sentTo.size());
        for (String number : sentTo) {
            results.add(echoed.contains(digits(number)) ? SmsRecipientResult.accepted(number, id, status, null)
                    : new SmsRecipientResult(number, false, id, SmsRecipientResult.IN_DOUBT, null, null,
                            "Sinch created batch " + id + " but its answer does not list this number, so the"
                            + " message may have been sent: check the batch before sending again"));
        }
        return results;
    }

    /** The batch id of an answer; null when there is none. Throws when it is absurd. */
    static String batchId(JsonNode batch) {
        String id = SmsJson.text(batch, "id");
        if (id == null || id.isBlank()) {
            return null;
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("the batch id has " + id.length() + " characters");
        }
        return id.strip();
    }

    /** A batch resource; throws IllegalArgumentException on a value that cannot be read. */
    static SinchBatch batch(JsonNode json) {
        String id = batchId(json);
        if (id == null) {
            throw new IllegalArgumentException("the batch has no id");
        }
        List<String> to = new ArrayList<>();
        JsonNode numbers = json.get("to");
        if (numbers != null && numbers.isArray()) {
            if (numbers.size() > MAX_RECIPIENTS) {
                throw new IllegalArgumentException("the batch lists " + numbers.size() + " recipients");
            }
            numbers.forEach(n -> to.add(e164(n.asText())));
        }
        JsonNode canceled = json.get("canceled");
        return new SinchBatch(id, to, SmsJson.text(json, "from"), SmsJson.text(json, "body"),
                canceled != null && canceled.asBoolean(false), time(json, "created_at"), time(json, "send_at"),
                time(json, "expire_at"), SmsJson.text(json, "delivery_report"), SmsJson.text(json, "client_reference"));
    }

    /** A number as Sinch writes it (with or without +) in E.164; other addresses (group ids) as they are. */
    static String e164(String number) {
        String trimmed = number.strip();
        return !trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit) ? "+" + trimmed : trimmed;
    }

    private static String digits(String number) {
        String trimmed = number.strip();
        return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
    }

    private static Instant time(JsonNode json, String field) {
        String text = SmsJson.text(json, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 40) {
            throw new IllegalArgumentException("the field '" + field + "' is not a time");
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the field '" + field + "' holds '" + text + "', not an ISO-8601 time");
        }
    }

    private static boolean isFuture(String time) {
        try {
            return time != null && time.length() <= 40 && Instant.parse(time.strip()).isAfter(Instant.now());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode json = response.jsonOrNull();
        JsonNode error = SmsJson.field(json, "error");
        String code;
        String message;
        if (error != null && error.isObject()) {
            code = SmsJson.text(error, "status", "code");
            message = SmsJson.text(error, "message");
        } else {
            code = SmsJson.text(json, "code");
            message = SmsJson.text(json, "text", "title", "detail", "message");
        }
        if (code != null && code.length() > 64) {
            code = code.substring(0, 64);
        }
        int status = response.statusCode();
        return SmsErrors.fromResponse(SmsErrors.kindOf(status), SinchProvider.NAME, operation, request, response,
                code, message, hint(status, code));
    }

    private static String hint(int status, String code) {
        if ("blocked_account".equals(code)) {
            return "Sinch has blocked the account (also when it is out of credit): ask your Sinch account manager";
        }
        return switch (status) {
            case 401 -> "Check the token and the service plan id (the token belongs to one service plan) and the"
                        + " region the plan lives in";
            case 403 -> "Sinch refused the request for this service plan";
            case 404 -> "No such batch on this service plan and region (Sinch keeps batches for 14 days)";
            case 429 -> "The service plan's rate limit was exceeded: send more slowly";
            default -> status >= 500 ? "Sinch had a server error" : null;
        };
    }
}
