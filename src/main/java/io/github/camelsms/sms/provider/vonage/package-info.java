/**
 * The Vonage SMS API provider ({@code sms:vonage/...}): sends (one request per recipient), the account balance, and
 * the delivery receipt and inbound SMS webhooks with Vonage's optional signatures.
 */
package io.github.camelsms.sms.provider.vonage;
