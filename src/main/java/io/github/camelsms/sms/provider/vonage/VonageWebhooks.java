package io.github.camelsms.sms.provider.vonage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.webhook.signature.VonageSignature;

/**
 * Vonage's SMS API webhooks: delivery receipts (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts)
 * and inbound SMS (https://developer.vonage.com/en/messaging/sms/guides/inbound-sms), by GET, form POST or JSON POST as
 * the dashboard sets them, each acknowledged with an empty 200. Signed only when Vonage support has turned signing on
 * for the account ({@code timestamp}, {@code nonce}, {@code sig} with the signature secret:
 * https://developer.vonage.com/en/getting-started/concepts/signing-messages), so validateSignature defaults to false.
 */
final class VonageWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS, INBOUND);
    }

    @Override
    public Set<String> httpMethods(String operation) {
        return Set.of("GET", "POST");
    }

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
        if (VonageProvider.isBlank(VonageProvider.SECRET_KEY.string(configuration))) {
            throw SmsErrors.invalid(VonageProvider.NAME, operation, "provider.secretKey", "validating Vonage webhook"
                    + " signatures needs the provider.secretKey option: the signature secret under API Settings in"
                    + " the Vonage dashboard (not the API secret); or set validateSignature=false");
        }
        method(operation, configuration);
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        return new VonageSignature(VonageProvider.SECRET_KEY.string(configuration), method(operation, configuration));
    }

    /** The dashboard's method by the names Vonage's SDKs use (md5hash, md5, sha1, sha256, sha512). */
    private static VonageSignature.Method method(String operation, SmsSettings configuration) {
        String name = VonageProvider.SIGNATURE_METHOD.string(configuration);
        return switch (name == null ? "md5hash" : name.trim().toLowerCase(Locale.ROOT)) {
            case "md5hash" -> VonageSignature.Method.MD5_HASH;
            case "md5" -> VonageSignature.Method.HMAC_MD5;
            case "sha1" -> VonageSignature.Method.HMAC_SHA1;
            case "sha256" -> VonageSignature.Method.HMAC_SHA256;
            case "sha512" -> VonageSignature.Method.HMAC_SHA512;
            default -> throw SmsErrors.invalid(VonageProvider.NAME, operation, "provider.signatureMethod",
                    "provider.signatureMethod must be md5hash, md5, sha1, sha256 or sha512 (as chosen under API"
                    + " Settings in the Vonage dashboard), not '" + name + "'");
        };
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        return INBOUND.equals(operation) ? readInbound(request) : readReceipt(request);
    }

    /**
     * A delivery receipt: {@code msisdn} is the recipient and {@code to} the sender ID (sms.yml DeliveryReceipt). A
     * message of several parts gets one receipt per part, each with the part's messageId.
     */
    private static SmsWebhookEvent readReceipt(SmsWebhookRequest request) {
        String messageId = param(request, "messageId");
        String rawStatus = param(request, "status");
        String recipient = param(request, "msisdn");
        if (messageId == null || rawStatus == null || recipient == null) {
            throw new IllegalArgumentException("a Vonage delivery receipt needs the messageId, status and msisdn"
                                               + " parameters");
        }
        DeliveryStatus status = status(rawStatus);
        String errorCode = param(request, "err-code");
        String reference = param(request, "client-ref");
        DeliveryReport report = new DeliveryReport(VonageProvider.NAME, recipient, param(request, "to"), status,
                rawStatus, messageId, reference, "0".equals(errorCode) ? null : errorCode,
                errorCode == null || "0".equals(errorCode) ? null : describe(errorCode),
                Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, status.name());
        headers.put(SmsHeaders.MESSAGE_ID, messageId);
        headers.put(SmsHeaders.TO, recipient);
        if (report.getSender() != null) {
            headers.put(SmsHeaders.FROM, report.getSender());
        }
        if (reference != null) {
            headers.put(SmsHeaders.REFERENCE, reference);
        }
        String messageKey = VonageProvider.NAME + "|" + messageId;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + rawStatus.toLowerCase(Locale.ROOT) + "|"
                                                    + errorCode, messageKey, status.isFinal());
    }

    /** What a receipt's err-code means (the delivery-receipts guide, "DLR error codes"). */
    static String describe(String errorCode) {
        return switch (errorCode) {
            case "1" -> "Unknown: the carrier gave no useful information";
            case "2" -> "Absent subscriber (temporary)";
            case "3" -> "Absent subscriber (permanent)";
            case "4" -> "Call barred by user";
            case "5" -> "Portability error";
            case "6" -> "Anti-spam rejection";
            case "7" -> "Handset busy";
            case "8" -> "Network error";
            case "9" -> "Illegal number";
            case "10" -> "Illegal message";
            case "11" -> "Unroutable";
            case "12" -> "Destination unreachable";
            case "13" -> "Subscriber age restriction";
            case "14" -> "Number blocked by carrier";
            case "15" -> "Prepaid insufficient funds";
            case "50", "51", "52", "53", "54" -> "Rejected under India's DLT rules (entity, template or header)";
            case "99" -> "General error";
            default -> "err-code " + errorCode;
        };
    }

    /** The delivery receipt statuses (delivery-receipts guide); expired is the outcome of a message given up on. */
    static DeliveryStatus status(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "accepted" -> DeliveryStatus.ACCEPTED;
            case "buffered" -> DeliveryStatus.BUFFERED;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "expired" -> DeliveryStatus.ABANDONED;
            case "failed", "rejected" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNKNOWN; // "unknown": no useful information
        };
    }

    /**
     * An inbound SMS: {@code msisdn} is the sender, {@code to} your virtual number, {@code api-key} the receiving
     * account. A long text arrives in parts, one webhook each with {@code concat-ref}, {@code concat-part} and
     * {@code concat-total} (kept in the parameters); they are routed one by one, not joined.
     */
    private static SmsWebhookEvent readInbound(SmsWebhookRequest request) {
        String messageId = param(request, "messageId");
        String from = param(request, "msisdn");
        if (messageId == null || from == null) {
            throw new IllegalArgumentException("a Vonage inbound SMS needs the messageId and msisdn parameters");
        }
        String text = request.param("text");
        InboundSms sms = new InboundSms(VonageProvider.NAME, messageId, param(request, "api-key"), from,
                param(request, "to"), text == null ? "" : text, List.of(), List.of(), Instant.now(),
                request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.MESSAGE_ID, messageId);
        headers.put(SmsHeaders.FROM, from);
        if (sms.getTo() != null) {
            headers.put(SmsHeaders.TO, sms.getTo());
        }
        return new SmsWebhookEvent(sms, headers, VonageProvider.NAME + "|inbound|" + messageId, null, false);
    }

    /** Vonage wants a 200 (or 204) with nothing in it; an inbound SMS is not answered by SMS through the webhook. */
    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }

    private static String param(SmsWebhookRequest request, String name) {
        String value = request.param(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
