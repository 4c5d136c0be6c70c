package io.github.camelsms.sms.provider.gatewayapi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 * GatewayAPI's webhooks, JSON POSTs (docs/rest.rst, "Webhooks"): Delivery Status Notifications
 * {@code {"id","msisdn","time","status","error","code","userref",...}} and MO SMS
 * {@code {"id","msisdn","receiver","message","senttime","webhook_label",...}}, signed with {@code X-Gwapi-Signature}
 * when the webhook has an authentication token. Any 2xx acknowledges; GatewayAPI cannot take a reply SMS in the answer.
 */
final class GatewayapiWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";
    static final String INBOUND = "inbound";
    /** The fields read from a notification, which the signature's claims must carry alike. */
    static final List<String> DSN_FIELDS = List.of("id", "msisdn", "time", "status", "error", "code", "userref");
    static final List<String> MO_FIELDS = List.of("id", "msisdn", "receiver", "message", "senttime");

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern MSISDN = Pattern.compile("[1-9][0-9]{2,14}");
    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,20}");
    /** GatewayAPI's final states; nothing is sent after one of them (docs/rest.rst, "States and status codes"). */
    private static final Set<String> FINAL = Set.of("DELIVERED", "EXPIRED", "DELETED", "UNDELIVERABLE", "ACCEPTED",
            "REJECTED", "SKIPPED");

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS, INBOUND);
    }

    @Override
    public Set<String> httpMethods(String operation) {
        return Set.of("POST");
    }

    /** Unsigned webhooks can be forged by anyone who knows the URL: validate unless told otherwise. */
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
        String token = GatewayapiProvider.AUTHENTICATION_TOKEN.string(configuration);
        if (token == null || token.isEmpty()) {
            throw SmsErrors.invalid(GatewayapiProvider.NAME, operation, "provider.authenticationToken",
                    "validating GatewayAPI webhook signatures needs the provider.authenticationToken option: the"
                    + " authentication token set on the webhook in GatewayAPI (GatewayAPI signs X-Gwapi-Signature"
                    + " with it); or set validateSignature=false and a webhookVerifyToken in the webhook URL");
        }
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        return new GatewayapiSignature(GatewayapiProvider.AUTHENTICATION_TOKEN.string(configuration),
                INBOUND.equals(operation) ? MO_FIELDS : DSN_FIELDS);
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        JsonNode json = SmsJson.readOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a GatewayAPI webhook is a JSON object (Content-Type application/json)");
        }
        String id = matching(json, "id", ID);
        String msisdn = matching(json, "msisdn", MSISDN);
        return INBOUND.equals(operation) ? readMo(json, id, msisdn, request) : readDsn(json, id, msisdn, request);
    }

    private static SmsWebhookEvent readDsn(JsonNode json, String id, String msisdn, SmsWebhookRequest request) {
        String rawStatus = matching(json, "status", STATUS);
        DeliveryStatus status = status(rawStatus);
        String userref = SmsJson.text(json, "userref");
        DeliveryReport report = new DeliveryReport(GatewayapiProvider.NAME, msisdn, null, status, rawStatus, id,
                userref, SmsJson.text(json, "code"), SmsJson.text(json, "error"), Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, status.name());
        headers.put(SmsHeaders.MESSAGE_ID, id);
        headers.put(SmsHeaders.TO, msisdn);
        if (userref != null) {
            headers.put(SmsHeaders.REFERENCE, userref);
        }
        // one id covers every recipient of a message: the recipient tells the reports apart
        String messageKey = GatewayapiProvider.NAME + "|" + id + "|" + msisdn;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + rawStatus, messageKey,
                FINAL.contains(rawStatus));
    }

    /** GatewayAPI's states as the component's; the raw status stays in the report. */
    static DeliveryStatus status(String status) {
        return switch (status) {
            case "SCHEDULED" -> DeliveryStatus.SCHEDULED;
            case "BUFFERED" -> DeliveryStatus.BUFFERED;
            case "ENROUTE" -> DeliveryStatus.SENT;
            case "DELIVERED" -> DeliveryStatus.DELIVERED;
            // the network accepted the message on the user's behalf: final
            case "ACCEPTED" -> DeliveryStatus.ACCEPTED;
            case "EXPIRED", "UNDELIVERABLE", "SKIPPED" -> DeliveryStatus.UNDELIVERED;
            case "REJECTED" -> DeliveryStatus.FAILED;
            case "DELETED" -> DeliveryStatus.CANCELED;
            default -> DeliveryStatus.UNKNOWN;
        };
    }

    private static SmsWebhookEvent readMo(JsonNode json, String id, String msisdn, SmsWebhookRequest request) {
        String receiver = matching(json, "receiver", MSISDN);
        String message = SmsJson.text(json, "message");
        InboundSms sms = new InboundSms(GatewayapiProvider.NAME, id, null, msisdn, receiver,
                message == null ? "" : message, List.of(), List.of(), Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.MESSAGE_ID, id);
        headers.put(SmsHeaders.FROM, msisdn);
        headers.put(SmsHeaders.TO, receiver);
        return new SmsWebhookEvent(sms, headers, GatewayapiProvider.NAME + "|inbound|" + id, null, false);
    }

    private static String matching(JsonNode json, String field, Pattern pattern) {
        String value = SmsJson.text(json, field);
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("a GatewayAPI webhook needs '" + field + "' in the documented form");
        }
        return value;
    }

    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }
}
