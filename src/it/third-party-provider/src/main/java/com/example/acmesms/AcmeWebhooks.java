package com.example.acmesms;

import java.time.Clock;
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
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * Acme's delivery reports: a JSON POST of {@code {"id", "to", "status", "at"}} to the send's callbackUrl, signed
 * ({@link AcmeWebhookSignature}). Statuses: queued, sent, delivered, failed.
 */
final class AcmeWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS);
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
        String secretKey = AcmeSmsProvider.SECRET_KEY.string(configuration);
        if (secretKey == null || secretKey.isBlank()) {
            throw SmsErrors.invalid(AcmeSmsProvider.NAME, operation, "provider.secretKey",
                    "the provider.secretKey option is not set: Acme signs its reports with the API key's secret");
        }
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        return new AcmeWebhookSignature(AcmeSmsProvider.SECRET_KEY.string(configuration), Clock.systemUTC());
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        String id = request.param("id");
        String to = request.param("to");
        String status = request.param("status");
        if (isBlank(id) || isBlank(to) || isBlank(status)) {
            throw new IllegalArgumentException("an Acme delivery report needs the id, to and status fields");
        }
        DeliveryStatus normalized = switch (status.toLowerCase(Locale.ROOT)) {
            case "queued" -> DeliveryStatus.QUEUED;
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "failed" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNKNOWN;
        };
        DeliveryReport report = new DeliveryReport(AcmeSmsProvider.NAME, to, null, normalized, status, id, null, null,
                null, Instant.now(), request.params());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, normalized.name());
        headers.put(SmsHeaders.TO, to);
        headers.put(SmsHeaders.MESSAGE_ID, id);
        String messageKey = AcmeSmsProvider.NAME + "|" + id;
        return new SmsWebhookEvent(report, headers, messageKey + "|" + status, messageKey, normalized.isFinal());
    }

    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
