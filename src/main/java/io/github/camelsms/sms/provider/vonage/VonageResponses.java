package io.github.camelsms.sms.provider.vonage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsErrors.Kind;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.spi.SmsJson;

/**
 * Reads Vonage's answers. A send is always answered with HTTP 200 and one entry per SMS part, each with a
 * {@code status} (sms.yml {@code x-errors}; https://developer.vonage.com/en/messaging/sms/guides/troubleshooting-sms):
 * 0 means the part was queued, any other code that it was not. A code that concerns the request as a whole
 * (credentials, credit, throttling, parameters) fails the recipient's request with the matching exception; a code
 * about the number (barred, not whitelisted, deactivated, unknown prefix) rejects that recipient.
 */
final class VonageResponses {

    static final String BALANCE_PATH = "/account/get-balance";
    /** The Account API gives the balance in EUR (account.yml, accountBalance.value). */
    static final String BALANCE_CURRENCY = "EUR";

    /** A 3200-character text is at most 48 UCS-2 parts: more entries than this is an absurd answer. */
    private static final int MAX_PARTS = 64;
    private static final int MAX_STATUS = 999;
    private static final int MAX_ID_LENGTH = 64;

    private VonageResponses() {
    }

    /**
     * The result for the one recipient a send request was for. An answer that cannot be read at all throws
     * {@link IllegalArgumentException} (the kit makes it unreadable: in doubt); one that can be read but does not say
     * that every part was queued with an id makes the recipient in doubt.
     */
    static SmsRecipientResult sent(String operation, String to, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode json = response.jsonOrNull();
        JsonNode messages = SmsJson.field(json, "messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("no messages entries");
        }
        if (messages.size() > MAX_PARTS) {
            throw new IllegalArgumentException(messages.size() + " messages entries for one text");
        }
        Long count = SmsJson.integer(json, 0, MAX_PARTS, "message-count");
        if (count != null && count != messages.size()) {
            return inDoubt(to, "the answer counts " + count + " parts but lists " + messages.size());
        }
        List<Integer> failed = new ArrayList<>();
        for (JsonNode entry : messages) {
            Long status = SmsJson.integer(entry, 0, MAX_STATUS, "status");
            if (status == null) {
                return inDoubt(to, "an entry of the answer has no status");
            }
            if (status != 0) {
                failed.add(status.intValue());
            }
        }
        if (!failed.isEmpty()) {
            if (failed.size() < messages.size()) {
                return inDoubt(to, (messages.size() - failed.size()) + " of " + messages.size() + " parts were"
                                   + " queued and the others refused (status " + failed.get(0) + ")");
            }
            JsonNode first = messages.get(0);
            return refused(operation, to, failed.get(0), SmsJson.text(first, "error-text"), request, response);
        }
        String messageId = null;
        BigDecimal cost = BigDecimal.ZERO;
        for (JsonNode entry : messages) {
            String id = SmsJson.text(entry, "message-id");
            if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
                return inDoubt(to, "a queued part has no usable message-id");
            }
            String answeredTo = SmsJson.text(entry, "to");
            if (answeredTo != null && !answeredTo.equals(to)) {
                return inDoubt(to, "the answer names another number than the one sent");
            }
            BigDecimal price = SmsJson.decimal(entry, "message-price");
            cost = price == null || cost == null ? null : cost.add(price);
            messageId = messageId == null ? id.trim() : messageId;
        }
        return SmsRecipientResult.accepted(to, messageId, "accepted", cost);
    }

    /** The recipient rejected, or the request failed with the exception its status code stands for. */
    private static SmsRecipientResult refused(String operation, String to, int status, String errorText,
                                              SmsHttpRequest request, SmsHttpResponse response) {
        String code = String.valueOf(status);
        Kind kind = requestKind(status);
        if (kind == null) {
            return SmsRecipientResult.rejected(to, code, errorText != null ? errorText : "status " + status);
        }
        throw SmsErrors.fromResponse(kind, VonageProvider.NAME, operation, request, response, code, errorText,
                hint(status));
    }

    /**
     * The exception kind of a status that concerns the whole request (so also every other recipient of the send);
     * null for a status about the recipient's number, and for codes Vonage does not document (the number is rejected
     * with the code: a non-zero status says the part was not queued).
     */
    static Kind requestKind(int status) {
        return switch (status) {
            case 1, 10 -> Kind.RATE_LIMIT; // throttled; too many existing binds: "back-off and retry"
            case 2, 3, 12, 15, 23, 32 -> Kind.VALIDATION; // missing, invalid params; too long; sender; callback
            case 4, 14 -> Kind.AUTHENTICATION; // invalid credentials; invalid signature
            case 8, 11 -> Kind.FORBIDDEN; // account barred; not enabled for the SMS API
            case 9 -> Kind.INSUFFICIENT_CREDIT; // partner quota violation: not enough credit
            case 5 -> Kind.PROVIDER; // internal error
            default -> null; // 6 invalid message (unknown prefix), 7 barred, 22 network, 29 not whitelisted, 33, ...
        };
    }

    private static String hint(int status) {
        return switch (status) {
            case 1 -> "Vonage throttles above the account's rate (30 requests per second by default): nothing was"
                      + " queued; wait and try again";
            case 4 -> "Check provider.apiKey and provider.secret (API Settings in the Vonage dashboard)";
            case 9 -> "The Vonage account has too little credit: top up and try again";
            case 15 -> "This sender ID is not allowed for the destination: use a Vonage number";
            default -> null;
        };
    }

    private static SmsRecipientResult inDoubt(String to, String why) {
        return new SmsRecipientResult(to, false, null, SmsRecipientResult.IN_DOUBT, null, null,
                why + ", so the message may have been sent: check before sending again");
    }

    /** The balance from {@code {"value":10.17,"autoReload":false}}; throws IllegalArgumentException when absent. */
    static BigDecimal balance(SmsHttpResponse response) {
        BigDecimal value = SmsJson.decimal(response.jsonOrNull(), "value");
        if (value == null) {
            throw new IllegalArgumentException("no balance value");
        }
        return value;
    }

    /**
     * A non-2xx answer: the Account API's {@code {"error-code","error-code-label"}} or an RFC 7807 body
     * ({@code type}, {@code title}, {@code detail}) as Vonage's newer APIs answer.
     */
    static SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode json = response.jsonOrNull();
        String code = SmsJson.text(json, "error-code", "code");
        String detail = SmsJson.text(json, "error-code-label", "error-text", "detail", "title");
        int status = response.statusCode();
        return SmsErrors.fromResponse(SmsErrors.kindOf(status), VonageProvider.NAME, operation, request, response,
                code, detail, switch (status) {
                    case 401 -> "Check provider.apiKey and provider.secret (API Settings in the Vonage dashboard)";
                    case 429 -> "Vonage limits the request rate: wait and try again";
                    default -> status >= 500 ? "Vonage had a server error" : null;
                });
    }
}
