/**
 * Text helpers a provider calls: phone numbers (libphonenumber), how a text travels as SMS (encoding, segments) and
 * times. Depends on {@link io.github.camelsms.sms.exception} and {@link io.github.camelsms.sms.model} only.
 */
package io.github.camelsms.sms.text;
