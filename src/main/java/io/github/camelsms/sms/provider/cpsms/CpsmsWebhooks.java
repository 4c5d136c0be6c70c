package io.github.camelsms.sms.provider.cpsms;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * CPSMS dlr_url callbacks: {@code status} (1 to 4) and {@code receiver} appended to the URL's query, by GET or POST,
 * plus whatever parameters the URL carried (the producer adds {@code reference}). CPSMS does not sign them.
 */
final class CpsmsWebhooks implements SmsWebhooks {

    static final String DELIVERY_REPORTS = "deliveryReports";

    @Override
    public List<String> operations() {
        return List.of(DELIVERY_REPORTS);
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
        return false;
    }

    @Override
    public SmsWebhookSignature signature(String operation, SmsSettings configuration) {
        throw new UnsupportedOperationException("CPSMS does not sign its callbacks");
    }

    @Override
    public SmsWebhookEvent read(String operation, SmsWebhookRequest request) {
        String status = request.param("status");
        String receiver = request.param("receiver");
        if (status == null || status.isBlank() || receiver == null || receiver.isBlank()) {
            throw new IllegalArgumentException("a CPSMS delivery report needs the status and receiver parameters");
        }
        status = status.trim();
        receiver = receiver.trim();
        String reference = request.param(SmsCallbackUrls.REFERENCE_PARAM);
        Map<String, String> params = request.params();
        // the parameters of the user's own dlr_url (reference included) are all that tells two messages apart
        Map<String, String> correlation = new TreeMap<>(params);
        correlation.remove("status");
        correlation.remove("receiver");
        DeliveryStatus normalized = DeliveryStatus.ofCpsms(status);
        DeliveryReport report = new DeliveryReport(CpsmsProvider.NAME, receiver, null, normalized, status, null,
                reference, null, null, Instant.now(), params);

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SmsHeaders.STATUS, normalized.name());
        headers.put(SmsHeaders.TO, receiver);
        if (reference != null) {
            headers.put(SmsHeaders.REFERENCE, reference);
        }
        String messageKey = correlation.isEmpty() ? null : CpsmsProvider.NAME + "|" + receiver + "|" + correlation;
        String duplicateKey = messageKey == null ? null : messageKey + "|" + status;
        return new SmsWebhookEvent(report, headers, duplicateKey, messageKey, normalized.isFinal());
    }

    @Override
    public SmsWebhookReply reply(String operation, Object routeBody) {
        return new SmsWebhookReply(null, "");
    }
}
