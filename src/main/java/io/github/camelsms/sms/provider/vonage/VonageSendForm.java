package io.github.camelsms.sms.provider.vonage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.text.SmsText;

/**
 * The form of a send ({@code POST /sms/json}), checked before anything is sent: every field but {@code to}, which each
 * recipient's request sets. Field names and limits from Vonage's definition (sms.yml, NewMessage) and
 * https://developer.vonage.com/en/messaging/sms/guides/custom-sender-id (senders).
 */
final class VonageSendForm {

    static final String PATH = "/sms/json";

    private final Map<String, String> fields;
    private final SmsText text;

    private VonageSendForm(Map<String, String> fields, SmsText text) {
        this.fields = fields;
        this.text = text;
    }

    static VonageSendForm of(SmsCall call) {
        SmsSettings configuration = call.configuration();
        Map<String, String> fields = new LinkedHashMap<>();
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from == null) {
            throw call.invalid("from", "Vonage needs a sender: set the from option or the CamelSmsFrom header to your"
                                       + " Vonage number or an alphanumeric sender ID");
        }
        fields.put("from", sender(call, from));
        fields.put("to", null); // keeps the documented order; each recipient's request sets it
        String message = call.bodyText();
        if (message == null || message.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        if (message.length() > VonageProvider.MAX_TEXT) {
            throw call.invalid("body", "the message has " + message.length() + " characters; Vonage takes at most "
                                       + VonageProvider.MAX_TEXT);
        }
        SmsText text = call.smsText(message);
        fields.put("text", message);
        if (SmsText.UCS2.equals(text.encoding())) {
            fields.put("type", "unicode"); // with the default type=text, characters outside GSM-7 arrive garbled
        }
        Integer validity = call.header(SmsHeaders.VALIDITY_PERIOD, Integer.class);
        if (validity == null) {
            validity = configuration.getValidityPeriod();
        }
        if (validity != null) {
            if (validity < VonageProvider.MIN_VALIDITY_SECONDS || validity > VonageProvider.MAX_VALIDITY_SECONDS) {
                throw call.invalid("validityPeriod", "validityPeriod " + validity + " is out of range: Vonage takes "
                                                     + VonageProvider.MIN_VALIDITY_SECONDS + " to "
                                                     + VonageProvider.MAX_VALIDITY_SECONDS + " seconds (7 days)");
            }
            fields.put("ttl", String.valueOf(validity * 1000L));
        }
        String callback = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callback != null) {
            if (!callback.startsWith("http://") && !callback.startsWith("https://")) {
                throw call.invalid("callbackUrl", "the callbackUrl '" + callback + "' must be an absolute http(s)"
                                                  + " URL");
            }
            fields.put("callback", callback);
        }
        String reference = call.text(SmsHeaders.REFERENCE, configuration.getReference());
        if (reference != null) {
            if (reference.length() > VonageProvider.MAX_REFERENCE) {
                throw call.invalid("reference", "the reference has " + reference.length() + " characters; Vonage's"
                                                + " client-ref takes at most " + VonageProvider.MAX_REFERENCE);
            }
            fields.put("client-ref", reference);
        }
        return new VonageSendForm(fields, text);
    }

    /**
     * A number (at most 15 digits, international, without + or 00) or an alphanumeric sender ID (at most 11 letters
     * and digits, at least one letter).
     */
    private static String sender(SmsCall call, String from) {
        String digits = from.startsWith("+") ? from.substring(1) : from;
        if (digits.matches("\\d{1,15}") && !digits.startsWith("00")) {
            return digits;
        }
        if (from.matches("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}")) {
            return from;
        }
        throw call.invalid("from", "the sender (from) '" + from + "' must be a number in international format of at most 15"
                                   + " digits (without 00) or at most 11 letters and digits without spaces");
    }

    SmsText text() {
        return text;
    }

    /** The request for one recipient (a number in international format without +). */
    SmsHttpRequest request(String to) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("to", to);
        return SmsHttpRequest.form(PATH, form, true);
    }
}
