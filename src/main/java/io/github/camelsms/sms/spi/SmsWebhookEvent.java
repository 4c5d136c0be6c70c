package io.github.camelsms.sms.spi;

import java.util.Map;

/**
 * What a provider read from a webhook request: the exchange body and headers, and the keys the consumer
 * deduplicates with.
 *
 * @param body         the new exchange body: a DeliveryReport or an InboundSms
 * @param headers      the headers to set (CamelSmsStatus, CamelSmsTo, ...)
 * @param duplicateKey equal for the retries of one and the same callback
 * @param messageKey   equal for every report about the same message; null when the message cannot be told apart
 * @param finalStatus  whether this report carries an outcome that a later non-final report must not replace
 */
public record SmsWebhookEvent(Object body, Map<String, Object> headers, String duplicateKey, String messageKey,
        boolean finalStatus) {
}
