/**
 * The consumer side that is not provider-specific: the memory that routes each webhook once
 * ({@link io.github.camelsms.sms.webhook.SmsWebhookMemory}, in memory or in a shared database) and callback URLs. The
 * webhook contracts a provider implements are in the SPI; signature schemes are in
 * {@link io.github.camelsms.sms.webhook.signature}.
 */
package io.github.camelsms.sms.webhook;
