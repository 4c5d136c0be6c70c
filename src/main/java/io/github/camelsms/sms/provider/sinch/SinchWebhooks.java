package io.github.camelsms.sms.provider.sinch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

/**
 * Sinch's callbacks, JSON POSTs (developers.sinch.com/docs/sms/api-reference/sms/tag/Webhooks/): delivery reports of
 * a batch ({@code delivery_report_sms}: counts per status, with the recipients for {@code full}) or of one recipient
 * ({@code recipient_delivery_report_sms}), and inbound messages ({@code mo_text}, {@code mo_binary}). Sinch retries a
 * callback answered 5xx or 429 and drops it on any other 4xx.
 */
final class SinchWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";

    /** Sinch's final statuses (sinch-sdk-java DeliveryStatus): every status but Queued and Dispatched. */
    private static final Set<String> INTERMEDIATE = Set.of("queued", "dispatched");
    private static final int MAX_STATUSES = 20;
    private static final int MAX_FIELD_CHARS = 2048;

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS, INBOUND);
    }

    @Override
    public Set<String> httpMethods(String operation) {
        return Set.of("POST");
    }

    /** Sinch signs only when the account manager set HMAC up for the service plan. */
    @Override
    public boolean signsByDefault() {
        return false;
    }

    @Override
    public boolean canSign() {
        return true;
    }

    @Override
    public void checkSigningKey(String operation, SmsSettings configuration) {
        String secret = SinchProvider.SECRET_KEY.string(configuration);
        if (secret == null || secret.isBlank()) {
            throw SmsErrors.invalid(SinchProvider.NAME, operation, "provider.secretKey", "validating Sinch callback"
                    + " signatures needs the provider.secretKey option: the HMAC secret your Sinch account manager set"
                    + " up for the service plan; or set validateSignature=false");
        }
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        return new SinchSignature(SinchProvider.SECRET_KEY.string(configuration), Clock.systemUTC());
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        JsonNode json = SmsJson.readOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a Sinch callback is a JSON object");
        }
        String type = text(json, "type");
        if (INBOUND.equals(operation)) {
            if (!"mo_text".equals(type) && !"mo_binary".equals(type)) {
                throw new IllegalArgumentException("an inbound callback has type mo_text or mo_binary, not " + type);
            }
            return inbound(json, type);
        }
        if ("recipient_delivery_report_sms".equals(type)) {
            return recipientReport(json);
        }
        if ("delivery_report_sms".equals(type)) {
            return batchReport(json);
        }
        throw new IllegalArgumentException("a delivery report has type recipient_delivery_report_sms or"
                                           + " delivery_report_sms, not " + type);
    }

    private static SmsWebhookEvent recipientReport(JsonNode json) {
        String batchId = required(json, "batch_id");
        String recipient = SinchResponses.e164(required(json, "recipient"));
        String rawStatus = required(json, "status");
        String code = text(json, "code");
        DeliveryStatus status = status(rawStatus);
        String reference = text(json, "client_reference");
        boolean failed = code != null && !code.equals("0") && !INTERMEDIATE.contains(lower(rawStatus));
        DeliveryReport report = new DeliveryReport(SinchProvider.NAME, recipient, text(json, "applied_originator"),
                status, rawStatus, batchId, reference, failed ? code : null, failed ? codeMeaning(code) : null,
                Instant.now(), flat(json));
        Map<String, Object> headers = headers(status, batchId, reference);
        headers.put(SmsHeaders.TO, recipient);
        String messageKey = SinchProvider.NAME + "|" + batchId + "|" + recipient;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + lower(rawStatus) + "|" + code, messageKey,
                isFinal(rawStatus));
    }

    /**
     * A report for the whole batch: its status is the one status every recipient has, else PARTIALLY_DELIVERED
     * (some delivered, the rest final), SENDING (some still on their way) or FAILED; CamelSmsTo is set only when the
     * report names a single recipient. The statuses and their counts are in the report's parameters.
     */
    private static SmsWebhookEvent batchReport(JsonNode json) {
        String batchId = required(json, "batch_id");
        JsonNode statuses = json.get("statuses");
        if (statuses == null || !statuses.isArray() || statuses.isEmpty() || statuses.size() > MAX_STATUSES) {
            throw new IllegalArgumentException("a batch delivery report needs 1 to " + MAX_STATUSES + " statuses");
        }
        Map<String, String> counts = new TreeMap<>();
        List<String> recipients = new ArrayList<>();
        boolean allFinal = true;
        boolean anyDelivered = false;
        for (JsonNode entry : statuses) {
            String raw = required(entry, "status");
            Long count = SmsJson.integer(entry, 0, 1_000_000, "count");
            counts.put(raw + "/" + text(entry, "code"), count == null ? "" : count.toString());
            allFinal &= isFinal(raw);
            anyDelivered |= "delivered".equals(lower(raw));
            JsonNode listed = entry.get("recipients");
            if (listed != null && listed.isArray() && recipients.size() + listed.size() <= 1000) {
                listed.forEach(r -> recipients.add(SinchResponses.e164(r.asText())));
            }
        }
        String rawStatus = counts.size() == 1 ? required(statuses.get(0), "status") : null;
        DeliveryStatus status = rawStatus != null ? status(rawStatus) : !allFinal ? DeliveryStatus.SENDING
                : anyDelivered ? DeliveryStatus.PARTIALLY_DELIVERED : DeliveryStatus.FAILED;
        String reference = text(json, "client_reference");
        String recipient = recipients.size() == 1 ? recipients.get(0) : null;
        Map<String, String> params = flat(json);
        counts.forEach((statusAndCode, count) -> params.put("status." + statusAndCode, count));
        DeliveryReport report = new DeliveryReport(SinchProvider.NAME, recipient, null, status,
                rawStatus != null ? rawStatus : String.join(",", counts.keySet()), batchId, reference, null, null,
                Instant.now(), params);
        Map<String, Object> headers = headers(status, batchId, reference);
        if (recipient != null) {
            headers.put(SmsHeaders.TO, recipient);
        }
        String messageKey = SinchProvider.NAME + "|" + batchId;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + counts, messageKey, allFinal);
    }

    private static SmsWebhookEvent inbound(JsonNode json, String type) {
        String id = required(json, "id");
        String from = SinchResponses.e164(required(json, "from"));
        String to = text(json, "to");
        String body = text(json, "body");
        InboundSms sms = new InboundSms(SinchProvider.NAME, id, null, from, to == null ? null : SinchResponses.e164(to),
                body == null ? "" : body, List.of(), List.of(), Instant.now(), flat(json));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.MESSAGE_ID, id);
        headers.put(SmsHeaders.FROM, from);
        if (sms.getTo() != null) {
            headers.put(SmsHeaders.TO, sms.getTo());
        }
        if (text(json, "client_reference") != null) {
            headers.put(SmsHeaders.REFERENCE, text(json, "client_reference"));
        }
        return new SmsWebhookEvent(sms, headers, SinchProvider.NAME + "|inbound|" + type + "|" + id, null, false);
    }

    private static Map<String, Object> headers(DeliveryStatus status, String batchId, String reference) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, status.name());
        headers.put(SmsHeaders.MESSAGE_ID, batchId);
        if (reference != null) {
            headers.put(SmsHeaders.REFERENCE, reference);
        }
        return headers;
    }

    /** Sinch's statuses (sinch-sdk-java DeliveryStatus) on the component's. */
    static DeliveryStatus status(String raw) {
        return switch (lower(raw)) {
            case "queued" -> DeliveryStatus.QUEUED;
            case "dispatched" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "failed", "rejected", "aborted" -> DeliveryStatus.FAILED;
            case "expired" -> DeliveryStatus.UNDELIVERED;
            case "cancelled", "deleted" -> DeliveryStatus.CANCELED;
            default -> DeliveryStatus.UNKNOWN;
        };
    }

    private static boolean isFinal(String raw) {
        return !INTERMEDIATE.contains(lower(raw));
    }

    /** The delivery codes Sinch documents (sinch-sdk-java DeliveryReceiptErrorCode); others are SMPP codes. */
    private static String codeMeaning(String code) {
        return switch (code) {
            case "402" -> "unroutable";
            case "403" -> "internal error";
            case "404" -> "temporary delivery failure";
            case "405" -> "unmatched parameter";
            case "406" -> "internal expiry";
            case "407" -> "cancelled";
            case "408" -> "internal reject";
            case "410" -> "no default originator for this recipient";
            case "411" -> "more message parts than max_number_of_message_parts";
            case "412" -> "the account is not provisioned for this region";
            case "413" -> "the account is blocked (possibly out of credit)";
            default -> "delivery failed with code " + code;
        };
    }

    private static String lower(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the callback has no " + field);
        }
        return value.strip();
    }

    /** A text or number field, bounded; null when absent. */
    private static String text(JsonNode json, String field) {
        String value = SmsJson.text(json, field);
        if (value != null && value.length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException("the field " + field + " is longer than " + MAX_FIELD_CHARS);
        }
        return value;
    }

    /** The top-level text, number and boolean fields, as the report's or message's parameters. */
    private static Map<String, String> flat(JsonNode json) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                params.put(field.getKey(), field.getValue().asText());
            }
        }
        return params;
    }

    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }
}
