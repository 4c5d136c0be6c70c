package io.github.camelsms.sms.provider.infobip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * Infobip's webhooks: delivery reports ({@code {"results":[...]}}, up to 100 reports per request by default) and
 * inbound SMS (the MO_JSON_2 format, {@code {"results":[...],"messageCount","pendingMessageCount"}}), JSON POSTs.
 * <p>
 * Infobip documents no signature for the delivery URL a send names, nor for a number's forwarding URL (its
 * Subscriptions API can add Basic, HMAC or OAuth to a notification profile, but the HMAC's header and signed bytes are
 * not published), so the consumer authenticates them with the webhookVerifyToken that the send puts in the URL (for
 * inbound: that you put in the forwarding URL).
 * <p>
 * One request is one exchange: a request with one report or message has a {@link DeliveryReport} or
 * {@link InboundSms} body and the usual headers; a request with several has a {@code List} of them (split it in the
 * route) and no per-message headers.
 */
final class InfobipWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";
    /** More than Infobip's documented bucket of 100, to bound the work one request can ask for. */
    static final int MAX_RESULTS = 1000;

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS, INBOUND);
    }

    @Override
    public Set<String> httpMethods(String operation) {
        return Set.of("POST");
    }

    @Override
    public boolean signsByDefault() {
        return false;
    }

    @Override
    public boolean canSign() {
        return false;
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        throw new UnsupportedOperationException("Infobip documents no signature for its webhooks");
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        JsonNode json = SmsJson.readOrNull(request.body());
        JsonNode results = SmsJson.field(json, "results");
        if (results == null || !results.isArray() || results.isEmpty()) {
            throw new IllegalArgumentException("an Infobip webhook needs a JSON body with a non-empty results array");
        }
        if (results.size() > MAX_RESULTS) {
            throw new IllegalArgumentException("an Infobip webhook with more than " + MAX_RESULTS + " results");
        }
        return INBOUND.equals(operation) ? inbound(results) : reports(results);
    }

    private static SmsWebhookEvent reports(JsonNode results) {
        List<DeliveryReport> reports = new ArrayList<>(results.size());
        Set<String> keys = new TreeSet<>();
        for (JsonNode result : results) {
            DeliveryReport report = report(result);
            reports.add(report);
            keys.add(report.getMessageId() + "|" + report.getRawStatus());
        }
        if (reports.size() == 1) {
            DeliveryReport report = reports.get(0);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(SmsHeaders.STATUS, report.getStatus().name());
            headers.put(SmsHeaders.MESSAGE_ID, report.getMessageId());
            headers.put(SmsHeaders.TO, report.getRecipient());
            if (report.getSender() != null) {
                headers.put(SmsHeaders.FROM, report.getSender());
            }
            if (report.getReference() != null) {
                headers.put(SmsHeaders.REFERENCE, report.getReference());
            }
            String messageKey = InfobipProvider.NAME + "|" + report.getMessageId();
            return new SmsWebhookEvent(report, headers, messageKey + "|" + report.getRawStatus(), messageKey,
                    report.getStatus().isFinal());
        }
        return new SmsWebhookEvent(reports, Map.of(), InfobipProvider.NAME + "|reports|" + digest(keys), null, false);
    }

    private static DeliveryReport report(JsonNode result) {
        String messageId = SmsJson.text(result, "messageId");
        String to = SmsJson.text(result, "to");
        JsonNode status = SmsJson.field(result, "status");
        String rawStatus = SmsJson.text(status, "name");
        if (messageId == null || messageId.isBlank() || to == null || rawStatus == null) {
            throw new IllegalArgumentException("an Infobip delivery report needs messageId, to and status.name");
        }
        DeliveryStatus normalized = InfobipResponses.deliveryStatus(status);
        JsonNode error = SmsJson.field(result, "error");
        Long errorId = SmsJson.integer(error, 0, Integer.MAX_VALUE, "id");
        boolean failed = errorId != null && errorId != 0;
        Map<String, String> parameters = new LinkedHashMap<>();
        result.fields().forEachRemaining(f -> parameters.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return new DeliveryReport(InfobipProvider.NAME, to, SmsJson.text(result, "sender", "from"), normalized,
                rawStatus, messageId, SmsJson.text(result, "bulkId"), failed ? SmsJson.text(error, "name") : null,
                failed ? SmsJson.text(error, "description") : null, Instant.now(), parameters);
    }

    private static SmsWebhookEvent inbound(JsonNode results) {
        List<InboundSms> messages = new ArrayList<>(results.size());
        Set<String> keys = new TreeSet<>();
        for (JsonNode result : results) {
            String messageId = SmsJson.text(result, "messageId");
            String from = SmsJson.text(result, "from");
            if (messageId == null || messageId.isBlank() || from == null) {
                throw new IllegalArgumentException("an Infobip inbound message needs messageId and from");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            result.fields().forEachRemaining(f -> parameters.put(f.getKey(),
                    f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            String text = SmsJson.text(result, "text");
            messages.add(new InboundSms(InfobipProvider.NAME, messageId, null, from, SmsJson.text(result, "to"),
                    text == null ? "" : text, List.of(), List.of(), Instant.now(), parameters));
            keys.add(messageId);
        }
        if (messages.size() == 1) {
            InboundSms sms = messages.get(0);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(SmsHeaders.MESSAGE_ID, sms.getMessageId());
            headers.put(SmsHeaders.FROM, sms.getFrom());
            if (sms.getTo() != null) {
                headers.put(SmsHeaders.TO, sms.getTo());
            }
            return new SmsWebhookEvent(sms, headers, InfobipProvider.NAME + "|inbound|" + sms.getMessageId(), null,
                    false);
        }
        return new SmsWebhookEvent(messages, Map.of(), InfobipProvider.NAME + "|inbound|" + digest(keys), null,
                false);
    }

    /** A short key for a set of ids: the same set gives the same key (a retried request is dropped). */
    private static String digest(Set<String> keys) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", keys).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Infobip takes any 2xx; the body is not read. */
    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }
}
