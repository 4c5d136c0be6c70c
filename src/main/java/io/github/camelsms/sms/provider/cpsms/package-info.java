/**
 * The CPSMS.dk provider: its operations, responses, numbers and webhooks.
 */
package io.github.camelsms.sms.provider.cpsms;
