package io.github.camelsms.sms.provider.laml;

import java.time.Instant;
import java.util.ArrayList;
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
import io.github.camelsms.sms.model.SmsReply;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.webhook.signature.TwilioSignature;

/**
 * LaML webhooks: StatusCallbacks (MessageSid, MessageStatus, ErrorCode, ...) and inbound SMS/MMS (From, To, Body,
 * MessageSid, NumMedia, MediaUrlN), as form POSTs, GETs or JSON POSTs, answered with LaML XML.
 */
final class LamlWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";
    static final String TWILIO_SIGNATURE = "X-Twilio-Signature";
    static final String SIGNALWIRE_SIGNATURE = "X-SignalWire-Signature";
    static final String LAML_CONTENT_TYPE = "application/xml";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final int MAX_MEDIA = 10;

    private final LamlProvider ids;
    private final String provider;
    private final boolean signsByDefault;

    LamlWebhooks(LamlProvider provider) {
        this.ids = provider;
        this.provider = provider.name();
        this.signsByDefault = provider.signsWebhooks();
    }

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS, INBOUND);
    }

    /** Twilio calls both kinds by POST or GET (the number's sms_method, status_callback_method). */
    @Override
    public Set<String> httpMethods(String operation) {
        return Set.of("GET", "POST");
    }

    @Override
    public boolean signsByDefault() {
        return signsByDefault;
    }

    @Override
    public boolean canSign() {
        return true;
    }

    @Override
    public void checkSigningKey(String operation, SmsSettings configuration) {
        if (ids.signsWithSigningKey()) {
            if (isBlank(configuration.getSecretKey())) {
                throw SmsErrors.invalid(provider, operation, "secretKey", "validating " + provider + " webhook"
                        + " signatures needs the secretKey option: the project's Signing Key, shown under API"
                        + " Credentials in your SignalWire dashboard (SignalWire signs with it, not with the API"
                        + " token); or set validateSignature=false");
            }
        } else if (isBlank(configuration.getAuthToken())) {
            throw SmsErrors.invalid(provider, operation, "authToken", "validating webhook signatures needs the"
                    + " authToken option (the Auth Token the provider signs with); or set validateSignature=false");
        }
    }

    /** Twilio's scheme, which the whole family uses, from either header; SignalWire signs with its Signing Key. */
    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        String key = ids.signsWithSigningKey() ? configuration.getSecretKey() : configuration.getAuthToken();
        return new TwilioSignature(key, List.of(SIGNALWIRE_SIGNATURE, TWILIO_SIGNATURE));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        checkIds(request);
        return INBOUND.equals(operation) ? readInbound(request) : readStatus(request);
    }

    /**
     * The signed string joins names and values without separators, so a value can swallow the names and values that
     * follow it (MessageSid=SM...MessageStatusdelivered) and keep a valid signature: every id must have the shape the
     * provider documents, and the message id parameters must agree.
     */
    private void checkIds(SmsWebhookRequest request) {
        String messageSid = null;
        for (String name : List.of("MessageSid", "SmsSid", "SmsMessageSid")) {
            String value = request.param(name);
            if (value == null) {
                continue;
            }
            if (!ids.isMessageId(value)) {
                throw new IllegalArgumentException("the " + name + " parameter is not a " + provider + " message id ("
                                                   + ids.messageIdDescription() + ")");
            }
            if (messageSid != null && !messageSid.equals(value)) {
                throw new IllegalArgumentException("the MessageSid, SmsSid and SmsMessageSid parameters differ");
            }
            messageSid = value;
        }
        String accountSid = request.param("AccountSid");
        if (accountSid != null && !ids.isAccountId(accountSid)) {
            throw new IllegalArgumentException("the AccountSid parameter is not a " + provider + " account id ("
                                               + ids.accountIdDescription() + ")");
        }
    }

    private SmsWebhookEvent readStatus(SmsWebhookRequest request) {
        String sid = first(request, "MessageSid", "SmsSid");
        String rawStatus = first(request, "MessageStatus", "SmsStatus");
        if (sid == null || rawStatus == null) {
            throw new IllegalArgumentException("a status callback needs the MessageSid and MessageStatus parameters");
        }
        DeliveryStatus status = DeliveryStatus.ofLaml(rawStatus);
        DeliveryReport report = new DeliveryReport(provider, request.param("To"), request.param("From"), status,
                rawStatus, sid, null, blankToNull(request.param("ErrorCode")),
                blankToNull(request.param("ErrorMessage")), Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, status.name());
        headers.put(SmsHeaders.MESSAGE_ID, sid);
        if (report.getRecipient() != null) {
            headers.put(SmsHeaders.TO, report.getRecipient());
        }
        if (report.getSender() != null) {
            headers.put(SmsHeaders.FROM, report.getSender());
        }
        String messageKey = provider + "|" + sid;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + rawStatus.trim().toLowerCase(Locale.ROOT),
                messageKey, status.isFinal());
    }

    private SmsWebhookEvent readInbound(SmsWebhookRequest request) {
        String sid = first(request, "MessageSid", "SmsMessageSid", "SmsSid");
        String from = request.param("From");
        if (sid == null || from == null) {
            throw new IllegalArgumentException("an inbound message needs the MessageSid and From parameters");
        }
        List<String> mediaUrls = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        for (int i = 0; i < MAX_MEDIA; i++) {
            String url = request.param("MediaUrl" + i);
            if (url == null) {
                break;
            }
            mediaUrls.add(url);
            mediaTypes.add(request.param("MediaContentType" + i));
        }
        String body = request.param("Body");
        InboundSms sms = new InboundSms(provider, sid, request.param("AccountSid"), from, request.param("To"),
                body == null ? "" : body, mediaUrls, mediaTypes, Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.MESSAGE_ID, sid);
        headers.put(SmsHeaders.FROM, from);
        if (sms.getTo() != null) {
            headers.put(SmsHeaders.TO, sms.getTo());
        }
        return new SmsWebhookEvent(sms, headers, provider + "|inbound|" + sid, null, false);
    }

    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        if (!INBOUND.equals(operation)) {
            return new SmsWebhookReply(null, "");
        }
        SmsReply reply = routeBody instanceof SmsReply r ? r
                : routeBody instanceof CharSequence text ? SmsReply.text(text.toString()) : null;
        StringBuilder xml = new StringBuilder(XML_DECLARATION);
        boolean hasText = reply != null && reply.text() != null && !reply.text().isBlank();
        if (reply == null || !hasText && reply.mediaUrls().isEmpty()) {
            return new SmsWebhookReply(LAML_CONTENT_TYPE, xml.append("<Response/>").toString());
        }
        xml.append("<Response><Message>");
        if (reply.mediaUrls().isEmpty()) {
            xml.append(escape(reply.text()));
        } else {
            if (hasText) {
                xml.append("<Body>").append(escape(reply.text())).append("</Body>");
            }
            reply.mediaUrls().forEach(url -> xml.append("<Media>").append(escape(url)).append("</Media>"));
        }
        return new SmsWebhookReply(LAML_CONTENT_TYPE, xml.append("</Message></Response>").toString());
    }

    private static String first(SmsWebhookRequest request, String... names) {
        for (String name : names) {
            String value = blankToNull(request.param(name));
            if (value != null) {
                return value.trim();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** XML text escaping; characters XML 1.0 cannot carry are dropped. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            sb.appendCodePoint(c);
                        }
                    }
                }
            }
        });
        return sb.toString();
    }
}
