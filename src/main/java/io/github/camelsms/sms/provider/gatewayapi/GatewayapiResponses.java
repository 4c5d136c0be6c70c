package io.github.camelsms.sms.provider.gatewayapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads GatewayAPI answers: a send's {@code {"ids":[...],"usage":{...}}}, a message with its recipients, and the error
 * body {@code {"code":"0x0216","incident_uuid":...,"message":"...%1...","variables":[...]}} (docs/rest.rst, errors.rst
 * of onlinecity/gatewayapi-docs).
 */
final class GatewayapiResponses {

    /** Ids are positive integers (421332671 in the docs); far below this. */
    private static final long MAX_ID = 999_999_999_999_999_999L;
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;
    private static final Pattern CODE = Pattern.compile("0x[0-9A-Fa-f]{4}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_VARIABLES = 10;
    private static final int MAX_VARIABLE_CHARS = 100;
    private static final int MAX_RECIPIENTS = GatewayapiProvider.MAX_RECIPIENTS_PER_MESSAGE;

    static final String INSUFFICIENT_CREDIT = "0x0216";
    static final String SENDTIME_IN_THE_PAST = "0x0308";

    private GatewayapiResponses() {
    }

    /**
     * Every recipient of one message object, accepted with the message's id. GatewayAPI documents no per-recipient
     * refusal inside a 200 (a bad number fails the whole request), so an answer that carries no id, or more ids than
     * the one message sent, accounts for nobody: unreadable, in doubt.
     */
    static List<SmsRecipientResult> sent(SmsCall call, SmsHttpRequest request, SmsHttpResponse response,
                                         List<String> group, GatewayapiUsage usage) {
        JsonNode json = response.jsonOrNull();
        if (json == null || !json.isObject()) {
            throw SmsErrors.unreadable(GatewayapiProvider.NAME, call.operation(), request, response,
                    "a body that is not a JSON object");
        }
        JsonNode ids = json.get("ids");
        if (ids == null || !ids.isArray() || ids.size() != 1) {
            throw SmsErrors.unreadable(GatewayapiProvider.NAME, call.operation(), request, response,
                    ids == null || !ids.isArray() || ids.isEmpty() ? "no message id"
                            : ids.size() + " message ids for the one message sent");
        }
        String id = id(ids.get(0));
        if (id == null) {
            throw SmsErrors.unreadable(GatewayapiProvider.NAME, call.operation(), request, response,
                    "a message id that is not a positive number");
        }
        JsonNode usageNode = json.get("usage");
        BigDecimal cost = SmsJson.decimal(usageNode, "total_cost");
        if (cost != null && cost.signum() < 0) {
            throw new IllegalArgumentException("the total_cost " + cost + " is negative");
        }
        usage.add(cost, currency(usageNode));
        List<SmsRecipientResult> results = new ArrayList<>(group.size());
        for (String to : group) {
            // the cost is the request's: it is one recipient's only when the request had one
            results.add(SmsRecipientResult.accepted(to, id, "accepted", group.size() == 1 ? cost : null));
        }
        return results;
    }

    /** A positive integer id as text, or null. */
    private static String id(JsonNode node) {
        if (node == null || !(node.isIntegralNumber() || node.isTextual())) {
            return null;
        }
        String text = node.asText();
        if (!text.matches("[1-9][0-9]{0,17}") || Long.parseLong(text) > MAX_ID) {
            return null;
        }
        return text;
    }

    /** A three-letter currency, or null (anything else is not trusted as one). */
    static String currency(JsonNode json) {
        String currency = SmsJson.text(json, "currency");
        return currency != null && CURRENCY.matcher(currency).matches() ? currency : null;
    }

    /**
     * GET /rest/mtsms/{id}: one SmsMessage per recipient, with its delivery status. The documents show the answer as
     * a list holding the message object; an object alone is read too.
     */
    static List<SmsMessage> message(SmsCall call, SmsHttpRequest request, SmsHttpResponse response, String id) {
        JsonNode json = response.jsonOrNull();
        JsonNode message = json != null && json.isArray() && json.size() == 1 ? json.get(0) : json;
        if (message == null || !message.isObject() || !id.equals(id(message.get("id")))) {
            throw SmsErrors.unreadable(GatewayapiProvider.NAME, call.operation(), request, response,
                    "no message object with the id asked for");
        }
        JsonNode recipients = message.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.size() > MAX_RECIPIENTS) {
            throw SmsErrors.unreadable(GatewayapiProvider.NAME, call.operation(), request, response,
                    "no readable recipients");
        }
        List<SmsMessage> messages = new ArrayList<>(recipients.size());
        for (JsonNode r : recipients) {
            SmsMessage m = new SmsMessage();
            m.setSid(id);
            m.setTo(SmsJson.text(r, "msisdn"));
            m.setFrom(SmsJson.text(message, "sender"));
            m.setBody(SmsJson.text(message, "message"));
            m.setStatus(SmsJson.text(r, "dsnstatus"));
            m.setDirection("outbound");
            Long parts = SmsJson.integer(r, 0, 255, "csms");
            m.setNumSegments(parts == null ? null : parts.intValue());
            m.setErrorCode(SmsJson.text(r, "dsnerrorcode"));
            m.setErrorMessage(SmsJson.text(r, "dsnerror"));
            m.setDateSent(time(r, "senttime"));
            m.setDateUpdated(time(r, "dsntime"));
            messages.add(m);
        }
        return messages;
    }

    /** Unix seconds, possibly with a fraction (1498040129.0); null when absent. */
    private static Instant time(JsonNode json, String name) {
        BigDecimal seconds = SmsJson.decimal(json, name);
        if (seconds == null) {
            return null;
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LAST_SECOND_OF_9999)) > 0) {
            throw new IllegalArgumentException("the field '" + name + "' is not a time from 1970 to 9999");
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }

    static SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode json = response.jsonOrNull();
        String code = SmsJson.text(json, "code");
        if (code != null && !CODE.matcher(code).matches()) {
            code = null;
        }
        String message = message(json);
        String incident = SmsJson.text(json, "incident_uuid");
        if (incident != null && incident.matches("[0-9a-fA-F-]{1,64}")) {
            message = (message == null ? "" : message + " ") + "(incident " + incident + ")";
        }
        int status = response.statusCode();
        Kind kind = INSUFFICIENT_CREDIT.equalsIgnoreCase(code) ? Kind.INSUFFICIENT_CREDIT
                : SENDTIME_IN_THE_PAST.equalsIgnoreCase(code) ? Kind.VALIDATION
                : status == 410 ? Kind.NOT_FOUND
                : SmsErrors.kindOf(status);
        return SmsErrors.fromResponse(kind, GatewayapiProvider.NAME, operation, request, response, code, message,
                hint(status, code));
    }

    /** The message with its %1, %2, ... replaced by the variables, as GatewayAPI's clients show it. */
    private static String message(JsonNode json) {
        String message = SmsJson.text(json, "message");
        JsonNode variables = json == null ? null : json.get("variables");
        if (message == null || variables == null || !variables.isArray()) {
            return message;
        }
        for (int i = Math.min(variables.size(), MAX_VARIABLES); i >= 1; i--) {
            String value = variables.get(i - 1).asText();
            value = value.length() <= MAX_VARIABLE_CHARS ? value : value.substring(0, MAX_VARIABLE_CHARS) + "...";
            message = message.replace("%" + i, value);
        }
        return message;
    }

    private static String hint(int status, String code) {
        if (INSUFFICIENT_CREDIT.equalsIgnoreCase(code)) {
            return "The GatewayAPI account has too little credit: top up and try again";
        }
        if (SENDTIME_IN_THE_PAST.equalsIgnoreCase(code)) {
            return "CamelSmsScheduledAt had passed when GatewayAPI received the message: schedule it later or send"
                   + " it now";
        }
        if (code != null && code.equalsIgnoreCase("0x0310")) {
            return "Each number may appear once in a message";
        }
        return switch (status) {
            case 401 -> "Check the provider.token option: the API token may be wrong, deleted, or belong to the other"
                        + " platform (gatewayapi.com and gatewayapi.eu have separate accounts: see provider.region)";
            case 403 -> "GatewayAPI refused the request for this account (an IP allow-list, a blocked number or"
                        + " country, or a frozen account): see the message";
            case 404 -> "No such message, or it is not archived yet (GatewayAPI archives a message once it is sent)";
            case 410 -> "The message was sent or deleted already, so it cannot be cancelled";
            case 429 -> "GatewayAPI limits the request rate: wait and try again";
            default -> status >= 500 ? "GatewayAPI had a server error" : null;
        };
    }
}
