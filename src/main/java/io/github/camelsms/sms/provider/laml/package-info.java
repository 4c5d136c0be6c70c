/**
 * The LaML (Twilio-compatible) providers: mycpaas, Twilio and SignalWire, sharing one implementation of the API.
 */
package io.github.camelsms.sms.provider.laml;
