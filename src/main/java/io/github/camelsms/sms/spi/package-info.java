/**
 * The provider SPI: what a provider implements ({@link io.github.camelsms.sms.spi.SmsProvider}, its
 * {@link io.github.camelsms.sms.spi.SmsOperation}s, {@link io.github.camelsms.sms.spi.SmsWebhooks}, an
 * {@link io.github.camelsms.sms.spi.SmsAuthentication} when it signs requests) and what it is handed or calls: the
 * exchange being handled ({@link io.github.camelsms.sms.spi.SmsCall}), the endpoint options
 * ({@link io.github.camelsms.sms.spi.SmsSettings}), requests and answers, the transport
 * ({@link io.github.camelsms.sms.spi.SmsTransport}), batches, JSON and error mapping
 * ({@link io.github.camelsms.sms.spi.SmsErrors}). Depends on {@link io.github.camelsms.sms.text},
 * {@link io.github.camelsms.sms.exception} and {@link io.github.camelsms.sms.model} only; the component implements the
 * transport and settings.
 */
package io.github.camelsms.sms.spi;
