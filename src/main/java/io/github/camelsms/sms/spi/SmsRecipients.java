package io.github.camelsms.sms.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.text.SmsPhoneNumbers;

/**
 * The recipients of one send, normalized to the provider's wire format, each number once; with skipInvalidRecipients,
 * the invalid ones to report as rejected.
 *
 * @param numbers the valid numbers in wire format, in input order, each once (its first occurrence counts)
 * @param skipped the invalid numbers as written, as rejected results (empty unless skipInvalidRecipients)
 * @param merged  for each number given more than once: every spelling of it as written, in input order
 */
public record SmsRecipients(List<String> numbers, List<SmsRecipientResult> skipped,
        Map<String, List<String>> merged) {

    public static final String INVALID_NUMBER = "invalid-number";

    /**
     * Reads the recipients of the call (CamelSmsTo or the to option). Throws {@link
     * io.github.camelsms.sms.exception.SmsValidationException} on field "to" listing every invalid number, unless
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
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String r : raw) {
            String channel = channelPrefix(r, channels);
            String number = channel == null ? r : r.substring(channel.length());
            String e164 = SmsPhoneNumbers.toE164(number, region, bareDigitsHaveCountryCode);
            if (e164 == null) {
                bad.add(r);
            } else {
                String address = channel == null ? wireFormat.apply(e164) : channel + e164;
                spellings.computeIfAbsent(address, n -> new ArrayList<>(1)).add(r);
            }
        }
        List<String> numbers = List.copyOf(spellings.keySet());
        Map<String, List<String>> merged = raw.size() == numbers.size() ? Map.of() : new LinkedHashMap<>();
        if (raw.size() != numbers.size()) {
            spellings.forEach((number, written) -> {
                if (written.size() > 1) {
                    merged.put(number, List.copyOf(written));
                }
            });
        }
        if (!bad.isEmpty() && (!call.configuration().isSkipInvalidRecipients() || numbers.isEmpty())) {
            throw call.invalid("to", "invalid recipient number(s) " + bad + ": " + formatHint);
        }
        List<SmsRecipientResult> skipped = bad.isEmpty() ? List.of() : bad.stream()
                .map(r -> new SmsRecipientResult(r, false, null, "invalid", null, INVALID_NUMBER,
                        "not a valid phone number; skipped (skipInvalidRecipients=true)"))
                .toList();
        return new SmsRecipients(numbers, skipped, merged);
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

    public SmsRecipients {
        merged = Map.copyOf(merged);
    }

    /**
     * The provider's result with the skipped recipients added as rejected, and the numbers that were given more than
     * once (and sent to once) noted in {@link SmsSendResult#getMergedRecipients()}.
     */
    public SmsSendResult addSkippedTo(SmsSendResult result) {
        if (skipped.isEmpty() && merged.isEmpty()) {
            return result;
        }
        List<SmsRecipientResult> all = new ArrayList<>(result.getRecipients());
        all.addAll(skipped);
        Map<String, List<String>> allMerged = new LinkedHashMap<>(result.getMergedRecipients());
        allMerged.putAll(orderedMerged());
        return new SmsSendResult(result.getProvider(), all, allMerged);
    }

    private Map<String, List<String>> orderedMerged() {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String number : numbers) {
            if (merged.containsKey(number)) {
                ordered.put(number, merged.get(number));
            }
        }
        return ordered;
    }
}
