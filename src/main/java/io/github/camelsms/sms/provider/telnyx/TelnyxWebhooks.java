package io.github.camelsms.sms.provider.telnyx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.webhook.signature.Ed25519Signature;

/**
 * Telnyx's v2 webhooks (developers.telnyx.com/docs/messaging/messages/receiving-webhooks): JSON POSTs
 * {@code {"data": {event_type, id, occurred_at, payload: message}, "meta": {...}}}, delivery status as
 * {@code message.sent} and {@code message.finalized}, inbound messages as {@code message.received}, each signed with
 * Ed25519 over {@code telnyx-timestamp + "|" + raw body} (header telnyx-signature-ed25519) with the account's key; a
 * timestamp more than five minutes away is refused as a replay. Telnyx retries and may deliver out of order.
 */
final class TelnyxWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";
    static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";
    static final String TIMESTAMP_HEADER = "telnyx-timestamp";
    private static final Set<String> STATUS_EVENTS = Set.of("message.sent", "message.finalized");
    private static final String INBOUND_EVENT = "message.received";
    private static final int MAX_MEDIA = 10;

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
        return true;
    }

    @Override
    public boolean canSign() {
        return true;
    }

    @Override
    public void checkSigningKey(String operation, SmsSettings configuration) {
        String key = TelnyxProvider.PUBLIC_KEY.string(configuration);
        if (key == null || key.isBlank()) {
            throw SmsErrors.invalid(TelnyxProvider.NAME, operation, "provider.publicKey", "validating Telnyx webhook"
                    + " signatures needs the provider.publicKey option: the account's public key (Base64), shown"
                    + " under Keys & Credentials in the Telnyx portal; or set validateSignature=false");
        }
        try {
            signature(operation, configuration);
        } catch (IllegalArgumentException e) {
            throw SmsErrors.invalid(TelnyxProvider.NAME, operation, "provider.publicKey", "the provider.publicKey"
                    + " option is not a Telnyx public key (" + e.getMessage() + "): copy it from Keys & Credentials"
                    + " in the Telnyx portal");
        }
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        return new Ed25519Signature(TelnyxProvider.PUBLIC_KEY.string(configuration), SIGNATURE_HEADER,
                TIMESTAMP_HEADER);
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        JsonNode json = SmsJson.readOrNull(request.body());
        JsonNode data = json == null ? null : json.get("data");
        String eventType = SmsJson.text(data, "event_type");
        JsonNode payload = data == null ? null : data.get("payload");
        if (eventType == null || payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("a Telnyx webhook needs data.event_type and data.payload");
        }
        if (INBOUND.equals(operation)) {
            if (!INBOUND_EVENT.equals(eventType)) {
                throw new IllegalArgumentException("an inbound webhook takes " + INBOUND_EVENT + " events, not "
                                                   + shown(eventType));
            }
            return readInbound(payload);
        }
        if (!STATUS_EVENTS.contains(eventType)) {
            throw new IllegalArgumentException("a deliveryReports webhook takes " + STATUS_EVENTS + " events, not "
                                               + shown(eventType));
        }
        return readStatus(eventType, payload);
    }

    private static SmsWebhookEvent readStatus(String eventType, JsonNode payload) {
        String id = messageId(payload);
        JsonNode to = payload.get("to");
        JsonNode recipient = to != null && to.isArray() && !to.isEmpty() ? to.get(0) : null;
        String rawStatus = SmsJson.text(recipient, "status");
        if (rawStatus == null || rawStatus.isBlank()) {
            throw new IllegalArgumentException("a Telnyx status webhook needs data.payload.to[0].status");
        }
        rawStatus = rawStatus.trim();
        DeliveryStatus status = TelnyxResponses.status(rawStatus);
        JsonNode errors = payload.get("errors");
        JsonNode error = errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
        String recipientNumber = SmsJson.text(recipient, "phone_number");
        JsonNode from = payload.get("from");
        String sender = from != null && from.isObject() ? SmsJson.text(from, "phone_number") : null;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("event_type", eventType);
        params.put("status", rawStatus);
        DeliveryReport report = new DeliveryReport(TelnyxProvider.NAME, recipientNumber, sender, status, rawStatus, id,
                null, SmsJson.text(error, "code"), SmsJson.text(error, "detail", "title"), Instant.now(), params);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, status.name());
        headers.put(SmsHeaders.MESSAGE_ID, id);
        if (recipientNumber != null) {
            headers.put(SmsHeaders.TO, recipientNumber);
        }
        if (sender != null) {
            headers.put(SmsHeaders.FROM, sender);
        }
        String messageKey = TelnyxProvider.NAME + "|" + id;
        // message.finalized carries the outcome even when its status has no name of ours (delivery_unconfirmed)
        boolean finalStatus = status.isFinal() || "message.finalized".equals(eventType);
        return new SmsWebhookEvent(report, headers, messageKey + "|" + eventType + "|"
                                                    + rawStatus.toLowerCase(Locale.ROOT), messageKey, finalStatus);
    }

    private static SmsWebhookEvent readInbound(JsonNode payload) {
        String id = messageId(payload);
        JsonNode fromNode = payload.get("from");
        String from = fromNode != null && fromNode.isObject() ? SmsJson.text(fromNode, "phone_number") : null;
        if (from == null) {
            throw new IllegalArgumentException("a Telnyx inbound message needs data.payload.from.phone_number");
        }
        JsonNode to = payload.get("to");
        String toNumber = to != null && to.isArray() && !to.isEmpty() ? SmsJson.text(to.get(0), "phone_number") : null;
        List<String> mediaUrls = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        JsonNode media = payload.get("media");
        if (media != null && media.isArray()) {
            for (int i = 0; i < Math.min(media.size(), MAX_MEDIA); i++) {
                String url = SmsJson.text(media.get(i), "url");
                if (url != null) {
                    mediaUrls.add(url);
                    mediaTypes.add(SmsJson.text(media.get(i), "content_type"));
                }
            }
        }
        String text = SmsJson.text(payload, "text");
        String profile = SmsJson.text(payload, "messaging_profile_id");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("event_type", INBOUND_EVENT);
        if (profile != null) {
            params.put("messaging_profile_id", profile);
        }
        InboundSms sms = new InboundSms(TelnyxProvider.NAME, id, null, from, toNumber, text == null ? "" : text,
                mediaUrls, mediaTypes, Instant.now(), params);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.MESSAGE_ID, id);
        headers.put(SmsHeaders.FROM, from);
        if (toNumber != null) {
            headers.put(SmsHeaders.TO, toNumber);
        }
        return new SmsWebhookEvent(sms, headers, TelnyxProvider.NAME + "|inbound|" + id, null, false);
    }

    private static String messageId(JsonNode payload) {
        String id = SmsJson.text(payload, "id");
        if (id == null || !TelnyxResponses.MESSAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a Telnyx webhook needs data.payload.id, a UUID");
        }
        return id;
    }

    /** Telnyx reads no reply from a webhook's answer: a 2xx without a body acknowledges it. */
    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }

    private static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
