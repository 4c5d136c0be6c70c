package io.github.camelsms.sms.provider.cpsms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.SmsException;
import io.github.camelsms.sms.model.SmsLogEntry;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.http.SmsErrors;
import io.github.camelsms.sms.http.SmsErrors.Kind;
import io.github.camelsms.sms.http.SmsHttpRequest;
import io.github.camelsms.sms.http.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads CPSMS answers, tolerating the documented quirks: "success" or "Success", flat or nested success arrays, "cost"
 * or "price" as a number or a string, string or numeric group ids, and the Danish credit format "9.843,40".
 */
final class CpsmsResponses {

    private CpsmsResponses() {
    }

    static SmsSendResult sendResult(JsonNode json) {
        List<SmsRecipientResult> recipients = new ArrayList<>();
        for (JsonNode ok : flatten(SmsJson.field(json, "success"))) {
            recipients.add(SmsRecipientResult.accepted(SmsJson.text(ok, "to"), null, "accepted",
                    SmsJson.decimal(ok, "cost", "price")));
        }
        for (JsonNode error : flatten(SmsJson.field(json, "error"))) {
            String to = SmsJson.text(error, "to");
            if (to != null) {
                recipients.add(SmsRecipientResult.rejected(to, SmsJson.text(error, "errorCode", "code"),
                        SmsJson.text(error, "errMsg", "message")));
            }
        }
        return new SmsSendResult(CpsmsProvider.NAME, recipients);
    }

    /** A whole-request error carried in a 2xx body ({"error": {"code", "message"}}), or null. */
    static SmsException embeddedError(
            JsonNode json, String operation, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode error = SmsJson.field(json, "error");
        if (error == null || error.isNull()) {
            return null;
        }
        JsonNode first = error.isArray() && !error.isEmpty() ? error.get(0) : error;
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
            return value.decimalValue();
        }
        String text = value.asText().strip().replace(" ", "");
        // Danish format: '.' groups thousands, ',' is the decimal mark.
        String normalized = text.replace(".", "").replace(',', '.');
        try {
            return new BigDecimal(normalized);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<SmsLogEntry> logEntries(JsonNode json) {
        List<SmsLogEntry> entries = new ArrayList<>(json.size());
        for (JsonNode e : json) {
            BigDecimal sent = SmsJson.decimal(e, "timeSent");
            BigDecimal dlr = SmsJson.decimal(e, "dlrStatus");
            entries.add(new SmsLogEntry(SmsJson.text(e, "to"), SmsJson.text(e, "from"),
                    SmsJson.decimal(e, "pointPrice", "cost", "price"), SmsJson.text(e, "userReference", "reference"),
                    dlr != null ? dlr.intValue() : 0, SmsJson.text(e, "dlrStatusText"),
                    sent != null ? Instant.ofEpochSecond(sent.longValue()) : null));
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
