package io.github.camelsms.sms.provider.infobip;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.spi.SmsBatch;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.text.SmsText;
import io.github.camelsms.sms.text.SmsTimes;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send through {@code POST /sms/3/messages}: many destinations per request, each with a message id we choose, in
 * a bulk whose id we choose, so that a send whose outcome is unknown can be looked up by id (logs, getMessage, delivery
 * reports) instead of being sent again.
 * <p>
 * The ids: the bulk id is the CamelSmsReference header or the reference option, else {@code camel-<exchange id>}; a
 * send split into several requests (maxRecipientsPerRequest) has one bulk per request, {@code <bulk id>-1},
 * {@code -2}, ...; the message id of the n-th number (from 1, in input order) is {@code <bulk id>-<n>}. The send puts
 * the bulk id in the exchange's CamelSmsReference header before any request goes out, so a route's error handler has
 * it whatever happens; every in-doubt recipient of a result carries its message id.
 */
final class InfobipSend {

    private static final Logger LOG = LoggerFactory.getLogger(InfobipSend.class);
    static final String FORMAT_HINT = "use the country code and the number, for example +41793026727, or set"
                                      + " defaultRegion for national numbers";
    /** Infobip sets a longer validity period to 48 hours without saying so, so a longer one is refused instead. */
    static final int MAX_VALIDITY_SECONDS = 48 * 3600;
    /** sendAt is at most 180 days ahead (send-sms-messages page, options.schedule.sendAt). */
    static final Duration MAX_SCHEDULE = Duration.ofDays(180);
    /** Our own bound on ids (Infobip documents none): they travel in URLs and logs. */
    static final int MAX_REFERENCE_LENGTH = 100;

    private InfobipSend() {
    }

    static CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, true, e164 -> e164.substring(1), FORMAT_HINT);
        String text = call.bodyText();
        if (text == null || text.isBlank()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        SmsText smsText = call.smsText(text);
        int perRequest = configuration.getMaxRecipientsPerRequest();
        if (perRequest < 1) {
            throw call.invalid("maxRecipientsPerRequest", "maxRecipientsPerRequest must be at least 1");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from != null) {
            message.put("sender", from.startsWith("+") ? from.substring(1) : from);
        }
        message.put("destinations", null); // set per request
        message.put("content", Map.of("text", text));
        Map<String, Object> options = messageOptions(call);
        if (!options.isEmpty()) {
            message.put("options", options);
        }
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null) {
            if (!callbackUrl.startsWith("https://") && !callbackUrl.startsWith("http://")) {
                throw call.invalid("callbackUrl", "the callbackUrl '" + callbackUrl + "' must be an absolute http(s)"
                                                  + " URL");
            }
            String url = SmsCallbackUrls.withParam(callbackUrl, SmsCallbackUrls.TOKEN_PARAM,
                    configuration.getWebhookVerifyToken());
            message.put("webhooks", ordered("delivery", Map.of("url", url), "contentType", "application/json"));
        }
        Instant sendAt = scheduledAt(call);
        String bulkId = bulkId(call);
        List<String> numbers = recipients.numbers();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < numbers.size(); i++) {
            index.put(numbers.get(i), i);
        }
        boolean chunked = numbers.size() > perRequest;
        // the ids are fixed before anything goes out: an error handler can look the send up by them
        call.exchange().getMessage().setHeader(SmsHeaders.REFERENCE, bulkId);
        call.setOutHeader(SmsHeaders.REFERENCE, bulkId);

        SmsBatch batch = SmsBatch.perRequest(perRequest, group -> {
            int first = index.get(group.get(0));
            List<Map<String, String>> destinations = new ArrayList<>(group.size());
            for (String to : group) {
                destinations.add(ordered("to", to, "messageId", messageId(bulkId, index.get(to))));
            }
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("bulkId", chunked ? bulkId + "-" + (first / perRequest + 1) : bulkId);
            if (sendAt != null) {
                schedule.put("sendAt", InfobipResponses.DATE.format(sendAt.atOffset(ZoneOffset.UTC)));
            }
            Map<String, Object> one = new LinkedHashMap<>(message);
            one.put("destinations", destinations);
            return SmsHttpRequest.json("POST", "/sms/3/messages",
                    ordered("messages", List.of(one), "options", Map.of("schedule", schedule)), true);
        }, (group, request, response) -> read(call, group, index, bulkId, request, response)).stopAtFirstFailure();

        return call.sendBatch(recipients, smsText, batch)
                .thenApply(result -> withIds(result, index, bulkId))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof SmsPartialFailureException partial) {
                        throw new SmsPartialFailureException(partial.getMessage(), partial.getFailure(),
                                withIds(partial.getResult(), index, bulkId));
                    }
                    throw e instanceof CompletionException c ? c : new CompletionException(cause);
                });
    }

    /** Two fields in this order (the JSON is written in the documents' order, the same every time). */
    private static <V> Map<String, V> ordered(String name1, V value1, String name2, V value2) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(name1, value1);
        map.put(name2, value2);
        return map;
    }

    static String messageId(String bulkId, int index) {
        return bulkId + "-" + (index + 1);
    }

    private static String bulkId(SmsCall call) {
        String reference = call.text(SmsHeaders.REFERENCE, call.configuration().getReference());
        if (reference == null) {
            return "camel-" + call.exchange().getExchangeId();
        }
        if (reference.length() > MAX_REFERENCE_LENGTH || !reference.matches("[\\p{Graph}]+")) {
            throw call.invalid("reference", "the reference '" + shortly(reference) + "' (the Infobip bulkId) must be"
                                            + " 1 to " + MAX_REFERENCE_LENGTH + " visible ASCII characters without"
                                            + " spaces");
        }
        return reference;
    }

    private static Map<String, Object> messageOptions(SmsCall call) {
        Map<String, Object> options = new LinkedHashMap<>();
        Boolean flash = call.header(SmsHeaders.FLASH, Boolean.class);
        if (flash == null) {
            flash = call.configuration().getFlash();
        }
        if (Boolean.TRUE.equals(flash)) {
            options.put("flash", true);
        }
        Integer validity = call.header(SmsHeaders.VALIDITY_PERIOD, Integer.class);
        if (validity == null) {
            validity = call.configuration().getValidityPeriod();
        }
        if (validity != null) {
            if (validity < 1 || validity > MAX_VALIDITY_SECONDS) {
                throw call.invalid("validityPeriod", "validityPeriod " + validity + " is out of range: Infobip takes"
                                                     + " 1 to " + MAX_VALIDITY_SECONDS + " seconds (48 hours)");
            }
            options.put("validityPeriod", ordered("amount", validity, "timeUnit", "SECONDS"));
        }
        return options;
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
        Instant now = Instant.now();
        if (!at.isAfter(now)) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + at + " is not in the future;"
                                                          + " remove the header to send now");
        }
        if (at.isAfter(now.plus(MAX_SCHEDULE))) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + at + " is more than 180 days"
                                                          + " ahead; Infobip schedules at most 180 days ahead");
        }
        return at;
    }

    /**
     * One result per number of the request, from the answer's entry for it (matched by destination): accepted with
     * its message id, rejected with the status name when its status group is REJECTED, UNDELIVERABLE or EXPIRED, in
     * doubt (with our message id) when the answer names it without a message id, names it twice differently, or does
     * not name it. An answer that names none of them is unreadable; one that rejects every number for lack of credit
     * is the account's failure (nothing was sent).
     */
    static List<SmsRecipientResult> read(SmsCall call, List<String> group, Map<String, Integer> index, String bulkId,
                                         SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode json = response.jsonOrNull();
        JsonNode entries = SmsJson.field(json, "messages");
        if (json == null || !json.isObject() || entries == null || !entries.isArray()) {
            throw SmsErrors.unreadable(InfobipProvider.NAME, call.operation(), request, response,
                    "a body that is not a JSON object with a messages array");
        }
        Set<String> sent = new HashSet<>(group);
        Map<String, JsonNode> named = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        List<String> strangers = new ArrayList<>();
        for (JsonNode entry : entries) {
            String destination = SmsJson.text(entry, "destination", "to");
            if (destination == null) {
                continue;
            }
            String to = destination.startsWith("+") ? destination.substring(1) : destination;
            if (!sent.contains(to)) {
                strangers.add(to);
                continue;
            }
            JsonNode earlier = named.putIfAbsent(to, entry);
            if (earlier != null && !earlier.equals(entry)) {
                conflicting.add(to);
            }
        }
        if (!strangers.isEmpty()) {
            LOG.warn("infobip send: the answer names {} number(s) that were not sent, left out of the result",
                    strangers.size());
        }
        if (named.isEmpty()) {
            throw SmsErrors.unreadable(InfobipProvider.NAME, call.operation(), request, response,
                    "no entry for the numbers sent");
        }
        if (named.size() == group.size() && conflicting.isEmpty() && named.values().stream()
                .allMatch(e -> InfobipResponses.NO_CREDIT.equals(SmsJson.text(SmsJson.field(e, "status"), "name")))) {
            throw InfobipResponses.noCredit(call.operation(), request, response);
        }
        List<SmsRecipientResult> results = new ArrayList<>(group.size());
        for (String to : group) {
            String ourId = messageId(bulkId, index.get(to));
            JsonNode entry = named.get(to);
            if (entry == null) {
                results.add(inDoubt(to, ourId, "the answer does not name this number"));
            } else if (conflicting.contains(to)) {
                results.add(inDoubt(to, ourId, "the answer names this number twice, differently"));
            } else {
                results.add(result(to, ourId, entry));
            }
        }
        return results;
    }

    private static SmsRecipientResult result(String to, String ourId, JsonNode entry) {
        JsonNode status = SmsJson.field(entry, "status");
        String group = SmsJson.text(status, "groupName");
        String name = SmsJson.text(status, "name");
        if (group != null && List.of("REJECTED", "UNDELIVERABLE", "EXPIRED").contains(group.toUpperCase(
                java.util.Locale.ROOT))) {
            return SmsRecipientResult.rejected(to, name != null ? name : group,
                    SmsJson.text(status, "description"));
        }
        String id = SmsJson.text(entry, "messageId");
        if (id == null || id.isBlank()) {
            return inDoubt(to, ourId, "the answer names this number without a messageId");
        }
        return SmsRecipientResult.accepted(to, id, name != null ? name : "accepted", null);
    }

    private static SmsRecipientResult inDoubt(String to, String messageId, String why) {
        return new SmsRecipientResult(to, false, messageId, SmsRecipientResult.IN_DOUBT, null, null, why
                + ", so the message may have been sent: look it up by its messageId " + messageId
                + " (sms:infobip/getMessage) before sending again");
    }

    /** The result with our message id on each in-doubt recipient without one (a request that failed as a whole). */
    private static SmsSendResult withIds(SmsSendResult result, Map<String, Integer> index, String bulkId) {
        List<SmsRecipientResult> recipients = new ArrayList<>(result.getRecipients().size());
        boolean changed = false;
        for (SmsRecipientResult r : result.getRecipients()) {
            Integer i = index.get(r.getTo());
            if (r.getMessageId() == null && i != null && SmsRecipientResult.IN_DOUBT.equals(r.getStatus())) {
                recipients.add(new SmsRecipientResult(r.getTo(), false, messageId(bulkId, i), r.getStatus(),
                        r.getCost(), r.getErrorCode(), r.getErrorMessage()));
                changed = true;
            } else {
                recipients.add(r);
            }
        }
        return changed ? new SmsSendResult(result.getProvider(), recipients, result.getMergedRecipients()) : result;
    }

    private static String shortly(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
