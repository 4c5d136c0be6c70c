package io.github.camelsms.sms.text;

import io.github.camelsms.sms.spi.SmsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;

/**
 * The recipients of one send, normalized to the provider's wire format; with skipInvalidRecipients, the invalid ones
 * to report as rejected.
 *
 * @param numbers the valid numbers in wire format, in input order
 * @param skipped the invalid numbers as written, as rejected results (empty unless skipInvalidRecipients)
 */
public record SmsRecipients(List<String> numbers, List<SmsRecipientResult> skipped) {

    public static final String INVALID_NUMBER = "invalid-number";

    /**
     * Reads the recipients of the call (CamelSmsTo or the to option). Throws {@link
     * io.github.camelsms.sms.SmsValidationException} on field "to" listing every invalid number, unless
     * skipInvalidRecipients is set and at least one number is valid.
     *
     * @param wireFormat turns an E.164 number into the provider's format
     * @param formatHint how to write numbers, for the message
     */
    public static SmsRecipients resolve(SmsCall call, boolean bareDigitsHaveCountryCode,
                                        UnaryOperator<String> wireFormat, String formatHint) {
        return resolve(call, bareDigitsHaveCountryCode, wireFormat, formatHint, Set.of());
    }

    /**
     * As {@link #resolve(SmsCall, boolean, UnaryOperator, String)}, also accepting channel addresses such as
     * {@code whatsapp:+4522334488}: the number after a known channel prefix is normalized and the prefix kept.
     *
     * @param channels the channel names (such as {@code whatsapp}) the provider accepts in front of a number
     */
    public static SmsRecipients resolve(SmsCall call, boolean bareDigitsHaveCountryCode,
                                        UnaryOperator<String> wireFormat, String formatHint, Set<String> channels) {
        List<String> raw = call.recipients();
        if (raw.isEmpty()) {
            throw call.invalid("to", "no recipient: set the CamelSmsTo header or the to option");
        }
        String region = call.configuration().getDefaultRegion();
        List<String> numbers = new ArrayList<>(raw.size());
        List<String> bad = new ArrayList<>();
        for (String r : raw) {
            String channel = channelPrefix(r, channels);
            String number = channel == null ? r : r.substring(channel.length());
            String e164 = SmsPhoneNumbers.toE164(number, region, bareDigitsHaveCountryCode);
            if (e164 == null) {
                bad.add(r);
            } else {
                numbers.add(channel == null ? wireFormat.apply(e164) : channel + e164);
            }
        }
        if (!bad.isEmpty() && (!call.configuration().isSkipInvalidRecipients() || numbers.isEmpty())) {
            throw call.invalid("to", "invalid recipient number(s) " + bad + ": " + formatHint);
        }
        List<SmsRecipientResult> skipped = bad.stream()
                .map(r -> new SmsRecipientResult(r, false, null, "invalid", null, INVALID_NUMBER,
                        "not a valid phone number; skipped (skipInvalidRecipients=true)"))
                .toList();
        return new SmsRecipients(List.copyOf(numbers), skipped);
    }

    /** The channel prefix ({@code whatsapp:}) the address starts with, lower-cased, or null. */
    public static String channelPrefix(String address, Set<String> channels) {
        int colon = address.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String channel = address.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return channels.contains(channel) ? channel + ":" : null;
    }

    /** The provider's result with the skipped recipients added as rejected. */
    public SmsSendResult addSkippedTo(SmsSendResult result) {
        if (skipped.isEmpty()) {
            return result;
        }
        List<SmsRecipientResult> all = new ArrayList<>(result.getRecipients());
        all.addAll(skipped);
        return new SmsSendResult(result.getProvider(), all);
    }
}
