package io.github.camelsms.sms.provider.cpsms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.model.SmsContact;
import io.github.camelsms.sms.model.SmsGroup;
import io.github.camelsms.sms.model.SmsLogEntry;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.spi.SmsBatch;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsTransport;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.text.SmsText;
import io.github.camelsms.sms.text.SmsTimes;

import static io.github.camelsms.sms.spi.SmsHttpRequest.segment;

/**
 * CPSMS.dk REST API v2: JSON over HTTPS with Basic authentication (user name and API key).
 */
public class CpsmsProvider implements SmsProvider {

    public static final String NAME = "cpsms";
    public static final String DEFAULT_BASE_URL = "https://api.cpsms.dk/v2";

    static final int MAX_MESSAGE_LENGTH = 1530;
    static final int MAX_REFERENCE_LENGTH = 32;

    /** What a send honours, to recipients or to a group. */
    private static final String[] SEND_OPTIONS = { "from", "callbackUrl", "webhookVerifyToken", "encoding", "flash",
        "reference", "failOnPartialFailure", "maxSegments" };
    private static final String[] SEND_HEADERS = { SmsHeaders.FROM, SmsHeaders.SCHEDULED_AT,
        SmsHeaders.REFERENCE, SmsHeaders.CALLBACK_URL, SmsHeaders.FLASH };

    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(call -> send(call, false)).options(SEND_OPTIONS)
                .options("to", "defaultRegion", "skipInvalidRecipients", "maxRecipientsPerRequest")
                .headers(SEND_HEADERS).headers(SmsHeaders.TO));
        table.put("sendGroup", SmsOperation.of(call -> send(call, true)).options(SEND_OPTIONS).headers(SEND_HEADERS)
                .headers(SmsHeaders.GROUP_ID));
        table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).options("reference")
                .headers(SmsHeaders.REFERENCE));
        table.put("credit", SmsOperation.of(this::credit));
        table.put("log", SmsOperation.of(this::log).options("defaultRegion")
                .headers(SmsHeaders.LOG_FROM, SmsHeaders.LOG_TO, SmsHeaders.TO));
        table.put("createGroup", SmsOperation.of(this::createGroup).headers(SmsHeaders.GROUP_NAME));
        table.put("listGroups", SmsOperation.of(this::listGroups));
        table.put("updateGroup", SmsOperation.of(this::updateGroup)
                .headers(SmsHeaders.GROUP_ID, SmsHeaders.GROUP_NAME));
        table.put("deleteGroup", SmsOperation.of(this::deleteGroup).headers(SmsHeaders.GROUP_ID));
        table.put("createContact", SmsOperation.of(this::createContact).options("defaultRegion")
                .headers(SmsHeaders.GROUP_ID, SmsHeaders.PHONE_NUMBER, SmsHeaders.CONTACT_NAME));
        table.put("listContacts", SmsOperation.of(this::listContacts).headers(SmsHeaders.GROUP_ID));
        table.put("updateContact", SmsOperation.of(this::updateContact).options("defaultRegion")
                .headers(SmsHeaders.GROUP_ID, SmsHeaders.PHONE_NUMBER, SmsHeaders.CONTACT_NAME));
        table.put("deleteContact", SmsOperation.of(this::deleteContact).options("defaultRegion")
                .headers(SmsHeaders.GROUP_ID, SmsHeaders.PHONE_NUMBER));
        return Collections.unmodifiableMap(table);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, SmsOperation> operations() {
        return operations;
    }

    @Override
    public Set<String> options() {
        return Set.of("username", "apiKey");
    }

    private static final CpsmsWebhooks WEBHOOKS = new CpsmsWebhooks();

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return DEFAULT_BASE_URL;
    }

    @Override
    public SmsWebhooks webhooks() {
        return WEBHOOKS;
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.basic(configuration.getUsername(), configuration.getApiKey());
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        if (isBlank(configuration.getUsername())) {
            throw SmsErrors.invalid(NAME, operation, "username",
                    "the username option is not set: use your CPSMS login name");
        }
        if (isBlank(configuration.getApiKey())) {
            throw SmsErrors.invalid(NAME, operation, "apiKey",
                    "the apiKey option is not set: generate an API key under INDSTILLINGER -> API in CPSMS");
        }
        if (configuration.getMaxRecipientsPerRequest() < 1) {
            throw SmsErrors.invalid(NAME, operation, "maxRecipientsPerRequest",
                    "maxRecipientsPerRequest must be at least 1");
        }
        String encoding = configuration.getEncoding();
        if (encoding != null && !encoding.equals("UTF-8") && !encoding.equals("ISO-8859-1")) {
            throw SmsErrors.invalid(NAME, operation, "encoding", "encoding must be UTF-8 or ISO-8859-1");
        }
    }

    // sending

    private CompletableFuture<SmsSendResult> send(SmsCall call, boolean toGroup) {
        SmsSettings configuration = call.configuration();
        Map<String, Object> body = new LinkedHashMap<>();
        SmsRecipients recipients = null;
        if (toGroup) {
            body.put("to_group", Integer.parseInt(groupId(call)));
        } else {
            recipients = recipients(call);
            body.put("to", null); // keeps "to" first in the JSON; each request sets it
        }
        String message = call.bodyText();
        if (message == null || message.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw call.invalid("body", "the message has " + message.length() + " characters; CPSMS takes at most "
                                       + MAX_MESSAGE_LENGTH + " (10 concatenated SMS)");
        }
        SmsText text = call.smsText(message);
        body.put("message", message);
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from != null) {
            body.put("from", sender(call, from));
        }
        Instant scheduledAt = scheduledAt(call);
        if (scheduledAt != null) {
            body.put("timestamp", scheduledAt.getEpochSecond());
        }
        if (configuration.getEncoding() != null) {
            body.put("encoding", configuration.getEncoding());
        }
        String reference = reference(call);
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null) {
            // CPSMS reports only status and receiver: the reference and the token let the consumer correlate and trust
            String dlrUrl = SmsCallbackUrls.withParam(absoluteUrl(call, "callbackUrl", callbackUrl),
                    SmsCallbackUrls.REFERENCE_PARAM, reference);
            body.put("dlr_url", SmsCallbackUrls.withParam(dlrUrl, SmsCallbackUrls.TOKEN_PARAM,
                    configuration.getWebhookVerifyToken()));
        }
        Boolean flash = call.header(SmsHeaders.FLASH, Boolean.class);
        if (flash == null) {
            flash = configuration.getFlash();
        }
        if (Boolean.TRUE.equals(flash)) {
            body.put("flash", 1);
        }
        if (reference != null) {
            body.put("reference", reference);
        }

        if (toGroup) {
            SmsHttpRequest request = SmsHttpRequest.json("POST", "/sendgroup", body, true);
            return call.send(request, response -> {
                SmsSendResult result = new SmsSendResult(NAME, readSent(call, request, response, null));
                return call.completeSend(result, text, null, groupFailure(call, result, response));
            });
        }
        // the chunks go one after another, each built when the previous answer arrived, so one body map serves all;
        // the send stops at the first failed chunk, as the next ones would most likely fail the same way
        return call.sendBatch(recipients, text, SmsBatch.perRequest(configuration.getMaxRecipientsPerRequest(), to -> {
            body.put("to", to.size() == 1 ? to.get(0) : to);
            return SmsHttpRequest.json("POST", "/send", body, true);
        }, (to, request, response) -> readSent(call, request, response, to)).stopAtFirstFailure());
    }

    /** What a group send's partial failure carries; null (not needed) when every recipient was accepted. */
    private static SmsFailure groupFailure(SmsCall call, SmsSendResult result, SmsHttpResponse response) {
        if (result.getRejectedCount() == 0) {
            return null;
        }
        boolean inDoubt = result.getRecipients().stream()
                .anyMatch(r -> SmsRecipientResult.IN_DOUBT.equals(r.getStatus()));
        return new SmsFailure(NAME, call.operation(), response.statusCode(), null, false, inDoubt,
                response.bodyAsString(), response.headers());
    }

    /**
     * One result per number sent. An answer that accounts for none of them (no entries, or entries for other numbers
     * only) fails the whole request: with the error it carries, or as unreadable (in doubt).
     */
    private static List<SmsRecipientResult> readSent(SmsCall call, SmsHttpRequest request,
                                                     SmsHttpResponse response, List<String> sentTo) {
        JsonNode json = response.jsonOrNull();
        if (json == null || !json.isObject()) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "a body that is not a JSON object");
        }
        List<SmsRecipientResult> results = CpsmsResponses.sendResults(json, sentTo);
        if (results.stream().allMatch(r -> SmsRecipientResult.IN_DOUBT.equals(r.getStatus()))) {
            SmsException failure = CpsmsResponses.embeddedError(json, call.operation(), request, response);
            throw failure != null ? failure
                    : SmsErrors.unreadable(NAME, call.operation(), request, response,
                            results.isEmpty() ? "no success or error entries"
                                    : "no success or error entry for the numbers sent");
        }
        return results;
    }

    private static SmsRecipients recipients(SmsCall call) {
        return SmsRecipients.resolve(call, true, CpsmsNumbers::fromE164, CpsmsNumbers.FORMAT_HINT);
    }

    private static String sender(SmsCall call, String from) {
        boolean numeric = isNumericSender(from);
        boolean alphanumeric = isAlphanumericSender(from);
        if (!numeric && !alphanumeric) {
            throw call.invalid("from", "the sender '" + from + "' must be at most 11 letters and digits or at most"
                                       + " 20 digits");
        }
        return numeric && from.startsWith("+") ? from.substring(1) : from;
    }

    /** At most 20 digits after an optional +. */
    static boolean isNumericSender(String from) {
        int start = from.startsWith("+") ? 1 : 0;
        int digits = from.length() - start;
        if (digits < 1 || digits > 20) {
            return false;
        }
        for (int i = start; i < from.length(); i++) {
            char c = from.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** At most 11 ASCII letters, digits and spaces, not only spaces. */
    static boolean isAlphanumericSender(String from) {
        if (from.isEmpty() || from.length() > 11 || from.isBlank()) {
            return false;
        }
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    private static Instant scheduledAt(SmsCall call) {
        Object raw = call.rawHeader(SmsHeaders.SCHEDULED_AT);
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = SmsTimes.toInstant(raw);
        } catch (IllegalArgumentException e) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "CamelSmsScheduledAt is " + e.getMessage());
        }
        if (!at.isAfter(Instant.now())) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT,
                    "the scheduled time " + at + " is not in the future; remove the header to send now");
        }
        return at;
    }

    private static String reference(SmsCall call) {
        String reference = call.text(SmsHeaders.REFERENCE, call.configuration().getReference());
        if (reference != null && reference.length() > MAX_REFERENCE_LENGTH) {
            throw call.invalid("reference", "the reference has " + reference.length() + " characters; CPSMS takes at"
                                            + " most " + MAX_REFERENCE_LENGTH);
        }
        return reference;
    }

    private static String absoluteUrl(SmsCall call, String field, String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw call.invalid(field, "the " + field + " '" + url + "' must be an absolute http(s) URL");
        }
        return url;
    }

    // scheduled messages, credit and log

    private CompletableFuture<String> cancelScheduled(SmsCall call) {
        String reference = reference(call);
        if (reference == null) {
            throw call.invalid("reference", "cancelScheduled needs the reference the messages were sent with:"
                                            + " set the CamelSmsReference header or the reference option");
        }
        return call.send(SmsHttpRequest.delete("/deletesms/" + segment(reference)),
                response -> confirmation(call, response));
    }

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/creditvalue");
        return call.send(request, response -> {
            BigDecimal credit = CpsmsResponses.credit(response.jsonOrNull());
            if (credit == null) {
                throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no readable credit value");
            }
            return credit;
        });
    }

    private CompletableFuture<List<SmsLogEntry>> log(SmsCall call) {
        Instant from = logTime(call, SmsHeaders.LOG_FROM);
        Instant to = logTime(call, SmsHeaders.LOG_TO);
        List<String> recipients = call.list(SmsHeaders.TO, null);
        if (recipients.size() > 1) {
            throw call.invalid("to", "the log takes at most one recipient to filter on");
        }
        String recipient = null;
        if (!recipients.isEmpty()) {
            recipient = CpsmsNumbers.normalize(recipients.get(0), call.configuration().getDefaultRegion());
            if (recipient == null) {
                throw call.invalid("to", "invalid recipient number " + recipients.get(0));
            }
        }
        StringBuilder path = new StringBuilder("/getlog");
        if (from != null || to != null) {
            Instant end = to != null ? to : Instant.now();
            Instant start = from != null ? from : end.minusSeconds(92L * 24 * 3600);
            if (start.isAfter(end)) {
                throw call.invalid(SmsHeaders.LOG_FROM, "CamelSmsLogFrom (" + start + ") is after CamelSmsLogTo ("
                                                          + end + ")");
            }
            path.append('/').append(start.getEpochSecond()).append('/').append(end.getEpochSecond());
        }
        if (recipient != null) {
            path.append('/').append(recipient);
        }
        SmsHttpRequest request = SmsHttpRequest.get(path.toString());
        return call.send(request, response -> CpsmsResponses.logEntries(jsonArray(call, request, response)));
    }

    private static JsonNode jsonArray(SmsCall call, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode json = response.jsonOrNull();
        if (json == null || !json.isArray()) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "a body that is not a JSON array");
        }
        return json;
    }

    private static Instant logTime(SmsCall call, String header) {
        try {
            return SmsTimes.toInstant(call.rawHeader(header));
        } catch (IllegalArgumentException e) {
            throw call.invalid(header, header + " is " + e.getMessage());
        }
    }

    // groups

    private CompletableFuture<SmsGroup> createGroup(SmsCall call) {
        String name = groupName(call);
        SmsHttpRequest request = SmsHttpRequest.json("POST", "/addgroup", Map.of("groupName", name), false);
        return call.send(request, response -> {
            JsonNode json = response.jsonOrNull();
            String id = groupId(json);
            if (id == null) {
                throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no groupId");
            }
            String returnedName = SmsJson.text(json, "groupName", "name");
            call.setOutHeader(SmsHeaders.GROUP_ID, id);
            return new SmsGroup(id, returnedName != null ? returnedName : name);
        });
    }

    private CompletableFuture<List<SmsGroup>> listGroups(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/listgroups");
        return call.send(request, response -> {
            JsonNode json = jsonArray(call, request, response);
            List<SmsGroup> groups = new ArrayList<>(json.size());
            json.forEach(g -> groups.add(new SmsGroup(groupId(g), SmsJson.text(g, "groupName", "name"))));
            return groups;
        });
    }

    private CompletableFuture<SmsGroup> updateGroup(SmsCall call) {
        String id = groupId(call);
        String name = groupName(call);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", Integer.parseInt(id));
        body.put("groupName", name);
        return call.send(SmsHttpRequest.json("PUT", "/updategroup", body, false), response -> {
            confirmation(call, response);
            return new SmsGroup(id, name);
        });
    }

    private CompletableFuture<String> deleteGroup(SmsCall call) {
        String id = groupId(call);
        return call.send(SmsHttpRequest.delete("/deletegroup/" + id), r -> confirmation(call, r));
    }

    // contacts

    private CompletableFuture<SmsContact> createContact(SmsCall call) {
        return upsertContact(call, "POST", "/addcontact");
    }

    private CompletableFuture<SmsContact> updateContact(SmsCall call) {
        return upsertContact(call, "PUT", "/updatecontact");
    }

    private CompletableFuture<SmsContact> upsertContact(SmsCall call, String method, String path) {
        String id = groupId(call);
        String phoneNumber = phoneNumber(call);
        String name = call.text(SmsHeaders.CONTACT_NAME, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", Integer.parseInt(id));
        body.put("phoneNumber", phoneNumber);
        if (name != null) {
            body.put("contactName", name);
        }
        return call.send(SmsHttpRequest.json(method, path, body, false), response -> {
            confirmation(call, response);
            return new SmsContact(id, phoneNumber, name);
        });
    }

    private CompletableFuture<List<SmsContact>> listContacts(SmsCall call) {
        String id = groupId(call);
        SmsHttpRequest request = SmsHttpRequest.get("/listcontacts/" + id);
        return call.send(request, response -> {
            JsonNode json = jsonArray(call, request, response);
            List<SmsContact> contacts = new ArrayList<>(json.size());
            json.forEach(c -> contacts.add(new SmsContact(id, SmsJson.text(c, "phoneNumber"),
                    SmsJson.text(c, "contactName"))));
            return contacts;
        });
    }

    private CompletableFuture<String> deleteContact(SmsCall call) {
        String id = groupId(call);
        String phoneNumber = phoneNumber(call);
        return call.send(SmsHttpRequest.delete("/deletecontact/" + id + "/" + phoneNumber),
                response -> confirmation(call, response));
    }

    // inputs and confirmations

    private static String groupId(SmsCall call) {
        String id = call.text(SmsHeaders.GROUP_ID, null);
        if (id == null) {
            throw call.invalid(SmsHeaders.GROUP_ID, call.operation() + " needs the group id in the CamelSmsGroupId"
                                                      + " header");
        }
        if (!id.matches("\\d{1,9}")) {
            throw call.invalid(SmsHeaders.GROUP_ID, "the group id '" + id + "' must be a number");
        }
        return id;
    }

    /** A group id in an answer: a number of at most nine digits, as our requests take it; null when absent. */
    private static String groupId(JsonNode json) {
        Long id = SmsJson.integer(json, 0, 999_999_999, "groupId", "id");
        return id == null ? null : id.toString();
    }

    private static String groupName(SmsCall call) {
        String name = call.text(SmsHeaders.GROUP_NAME, null);
        if (name == null) {
            throw call.invalid(SmsHeaders.GROUP_NAME, call.operation() + " needs the group name in the"
                                                        + " CamelSmsGroupName header");
        }
        return name;
    }

    private static String phoneNumber(SmsCall call) {
        String raw = call.text(SmsHeaders.PHONE_NUMBER, null);
        if (raw == null) {
            throw call.invalid(SmsHeaders.PHONE_NUMBER, call.operation() + " needs the contact's number in the"
                                                          + " CamelSmsPhoneNumber header");
        }
        String number = CpsmsNumbers.normalize(raw, call.configuration().getDefaultRegion());
        if (number == null) {
            throw call.invalid(SmsHeaders.PHONE_NUMBER, "invalid phone number '" + raw
                                                          + "': use the country code and 8 to 15 digits");
        }
        return number;
    }

    /** The provider's confirmation text ({"Success": "..."}), also set as CamelSmsStatus. */
    private static String confirmation(SmsCall call, SmsHttpResponse response) {
        String text = SmsJson.text(response.jsonOrNull(), "success");
        if (text == null) {
            text = response.bodyAsString().strip();
        }
        call.setOutHeader(SmsHeaders.STATUS, text);
        return text;
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get("/creditvalue");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        BigDecimal credit;
        try {
            credit = CpsmsResponses.credit(response.jsonOrNull());
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response,
                    "a value that cannot be read (" + e.getMessage() + ")");
        }
        if (credit == null) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response, "no readable credit value");
        }
        if (credit.signum() <= 0) {
            throw new SmsInsufficientCreditException("cpsms has no credit left (" + credit + " points): top up credit",
                    new SmsFailure(NAME, "healthCheck", response.statusCode(), null, false, false,
                            response.bodyAsString(), response.headers()));
        }
        return Map.of("credit", credit);
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return CpsmsResponses.toException(response, request, operation);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
