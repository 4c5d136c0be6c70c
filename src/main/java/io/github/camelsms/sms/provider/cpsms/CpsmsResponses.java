package io.github.camelsms.sms.provider.cpsms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.model.SmsLogEntry;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CPSMS answers, tolerating the documented quirks: "success" or "Success", flat or nested success arrays, "cost"
 * or "price" as a number or a string, string or numeric group ids, and the Danish credit format "9.843,40".
 */
final class CpsmsResponses {

    private static final Logger LOG = LoggerFactory.getLogger(CpsmsResponses.class);
    /** The log's timeSent is Unix seconds: at most 9999-12-31T23:59:59Z. */
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;
    /** CPSMS documents delivery codes 1 to 4 and 8: anything above this is absurd. */
    private static final long MAX_DLR_STATUS = 999;

    private CpsmsResponses() {
    }

    /**
     * One result per number sent, in the order sent, from what the answer says of each (CPSMS lists the accepted
     * before the rejected numbers). A number the answer does not name, or names both accepted and rejected, is in
     * doubt; a number it names that was not sent is a provider anomaly: logged and left out.
     *
     * @param sentTo the numbers of the request as sent, or null for a group send (the answer alone names them)
     */
    static List<SmsRecipientResult> sendResults(JsonNode json, List<String> sentTo) {
        Map<String, SmsRecipientResult> named = new LinkedHashMap<>();
        Set<String> conflicting = new HashSet<>();
        for (JsonNode ok : flatten(SmsJson.field(json, "success"))) {
            String to = SmsJson.text(ok, "to");
            if (to != null) {
                name(named, conflicting, SmsRecipientResult.accepted(withoutPlus(to), null, "accepted",
                        SmsJson.decimal(ok, "cost", "price")));
            }
        }
        for (JsonNode error : flatten(SmsJson.field(json, "error"))) {
            String to = SmsJson.text(error, "to");
            if (to != null) {
                name(named, conflicting, SmsRecipientResult.rejected(withoutPlus(to),
                        SmsJson.text(error, "errorCode", "code"), SmsJson.text(error, "errMsg", "message")));
            }
        }
        if (sentTo == null) {
            List<SmsRecipientResult> results = new ArrayList<>(named.size());
            named.forEach((to, r) -> results.add(conflicting.contains(to) ? inDoubt(to, BOTH) : r));
            return results;
        }
        List<SmsRecipientResult> results = new ArrayList<>(sentTo.size());
        for (String to : sentTo) {
            SmsRecipientResult r = named.remove(to);
            results.add(r == null ? inDoubt(to, NOT_NAMED) : conflicting.contains(to) ? inDoubt(to, BOTH) : r);
        }
        if (!named.isEmpty()) {
            LOG.warn("cpsms send: the answer names {} number(s) that were not sent, left out of the result: {}",
                    named.size(), shortly(named.keySet()));
        }
        return results;
    }

    private static final String NOT_NAMED = "the answer does not name this number, so the message may have been sent:"
                                            + " check before sending again";
    private static final String BOTH = "the answer names this number both accepted and rejected, so the message may"
                                       + " have been sent: check before sending again";

    private static void name(Map<String, SmsRecipientResult> named, Set<String> conflicting, SmsRecipientResult r) {
        SmsRecipientResult earlier = named.putIfAbsent(r.getTo(), r);
        if (earlier != null && earlier.isAccepted() != r.isAccepted()) {
            conflicting.add(r.getTo());
        }
    }

    private static SmsRecipientResult inDoubt(String to, String why) {
        return new SmsRecipientResult(to, false, null, SmsRecipientResult.IN_DOUBT, null, null, why);
    }

    private static String withoutPlus(String to) {
        return to.startsWith("+") ? to.substring(1) : to;
    }

    private static String shortly(Set<String> numbers) {
        String text = String.join(", ", numbers);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** A whole-request error carried in a 2xx body ({"error": {"code", "message"}}), or null. */
    static SmsException embeddedError(
            JsonNode json, String operation, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode error = SmsJson.field(json, "error");
        if (error == null || error.isNull()) {
            return null;
        }
        JsonNode first = error.isArray() && !error.isEmpty() ? error.get(0) : error;
        if (SmsJson.text(first, "to") != null) {
            return null; // an error for one number (not one sent, or the caller would have it): not the request's
        }
        String code = SmsJson.text(first, "errorCode", "code");
        String message = SmsJson.text(first, "errMsg", "message");
        int status = parseStatus(code);
        Kind kind = status > 0 ? kindFor(status, operation) : Kind.PROVIDER;
        return SmsErrors.fromResponse(kind, CpsmsProvider.NAME, operation, request, response, code,
                message != null ? message : "the answer carries an error", hint(status));
    }

    private static int parseStatus(String code) {
        if (code != null && code.matches("\\d{3}")) {
            return Integer.parseInt(code);
        }
        return 0;
    }

    private static List<JsonNode> flatten(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(child -> out.addAll(flatten(child)));
        } else if (node.isObject()) {
            out.add(node);
        }
        return out;
    }

    static BigDecimal credit(JsonNode json) {
        JsonNode value = SmsJson.field(json, "credit");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return SmsJson.decimal(json, "credit");
        }
        String text = value.asText().strip().replace(" ", "");
        // Danish format: '.' groups thousands, ',' is the decimal mark.
        return SmsJson.amount("credit", text.replace(".", "").replace(',', '.'));
    }

    static List<SmsLogEntry> logEntries(JsonNode json) {
        List<SmsLogEntry> entries = new ArrayList<>(json.size());
        for (JsonNode e : json) {
            Long sent = SmsJson.integer(e, 0, LAST_SECOND_OF_9999, "timeSent");
            Long dlr = SmsJson.integer(e, 0, MAX_DLR_STATUS, "dlrStatus");
            entries.add(new SmsLogEntry(SmsJson.text(e, "to"), SmsJson.text(e, "from"),
                    SmsJson.decimal(e, "pointPrice", "cost", "price"), SmsJson.text(e, "userReference", "reference"),
                    dlr != null ? dlr.intValue() : 0, SmsJson.text(e, "dlrStatusText"),
                    sent != null ? Instant.ofEpochSecond(sent) : null));
        }
        return entries;
    }

    static SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode json = response.jsonOrNull();
        JsonNode error = SmsJson.field(json, "error");
        JsonNode source = error != null && error.isObject() ? error
                : error != null && error.isArray() && !error.isEmpty() ? error.get(0) : json;
        String code = SmsJson.text(source, "errorCode", "code");
        String message = SmsJson.text(source, "errMsg", "message");
        if (message == null && error != null && error.isTextual()) {
            message = error.asText();
        }
        if (message == null && json == null && response.body().length > 0 && response.body().length < 300) {
            message = response.bodyAsString();
        }
        int status = response.statusCode();
        return SmsErrors.fromResponse(kindFor(status, operation), CpsmsProvider.NAME, operation, request, response,
                code, message, hint(status));
    }

    private static Kind kindFor(int status, String operation) {
        return switch (status) {
            // CPSMS allows one log request per two minutes and documents 406 without meaning
            case 406 -> "log".equals(operation) ? Kind.RATE_LIMIT : Kind.VALIDATION;
            // 409: "nothing to return based on the posted data"
            case 409 -> Kind.NOT_FOUND;
            default -> SmsErrors.kindOf(status);
        };
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "Check the username (your CPSMS login) and the API key generated under INDSTILLINGER -> API";
            case 402 -> "The CPSMS account has too little credit: top up credit and try again";
            case 403 -> "The calling IP address is not on the account's IP allow-list: add it in CPSMS or turn the"
                        + " allow-list off";
            case 404 -> "The group, contact or endpoint does not exist";
            case 409 -> "CPSMS found nothing to act on for the data sent";
            case 429, 406 -> "CPSMS limits this call (the log allows one request per two minutes): wait and try again";
            default -> status >= 500 ? "CPSMS had a server error: try again later" : null;
        };
    }
}
