/**
 * The webhook signature schemes SMS providers use (HMAC over URL and parameters, HMAC over the body, Ed25519, JWT
 * HS256), for providers to hand out from {@link io.github.camelsms.sms.spi.SmsWebhooks#signature}. Depends on the SPI.
 */
package io.github.camelsms.sms.webhook.signature;
