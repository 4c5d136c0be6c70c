package io.github.camelsms.sms.text;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one phone number normalizer (libphonenumber): turns what users write ("+45 22 33 44 88", "0045 22334488", "22
 * 33 44 88" with defaultRegion DK) into E.164. Each provider turns E.164 into its own wire format.
 */
public final class SmsPhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Digits and the usual separators only: no letters (vanity numbers), extensions or control characters. */
    private static final Pattern DIALABLE = Pattern.compile("\\+?[0-9 ()./-]+");

    /**
     * Numbers recently normalized, as (number as written, defaultRegion, bareDigitsHaveCountryCode) -> E.164 or
     * {@link #INVALID}: libphonenumber's parse allocates about 5 KB and costs more CPU than the rest of a send's
     * validation, and most applications send to the same numbers again and again. Emptied when full.
     */
    static final int CACHE_SIZE = 1024;
    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();
    private static final String INVALID = "invalid";
    /** Longer input is not remembered: a number has at most 40 characters, blanks around it included. */
    static final int LONGEST_REMEMBERED = 64;

    private SmsPhoneNumbers() {
    }

    /**
     * The number in E.164 (+ and digits), or null when it is not a possible phone number.
     *
     * @param defaultRegion             the region of numbers written without a country code, or null
     * @param bareDigitsHaveCountryCode whether digits without + may already start with the country code (the CPSMS
     *                                  convention, 4522334488); tried after the default region
     */
    public static String toE164(String raw, String defaultRegion, boolean bareDigitsHaveCountryCode) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > LONGEST_REMEMBERED) {
            // never a phone number; not kept, so that odd input from a route's caller cannot fill the memory
            return normalize(raw, defaultRegion, bareDigitsHaveCountryCode);
        }
        Key key = new Key(raw, defaultRegion, bareDigitsHaveCountryCode);
        String cached = CACHE.get(key);
        if (cached == null) {
            String e164 = normalize(raw, defaultRegion, bareDigitsHaveCountryCode);
            cached = e164 != null ? e164 : INVALID;
            if (CACHE.size() >= CACHE_SIZE) {
                CACHE.clear();
            }
            CACHE.put(key, cached);
        }
        return INVALID.equals(cached) ? null : cached;
    }

    /** Whether this input is remembered now. */
    static boolean remembers(String raw, String defaultRegion, boolean bareDigitsHaveCountryCode) {
        return CACHE.containsKey(new Key(raw, defaultRegion, bareDigitsHaveCountryCode));
    }

    /** How many numbers are remembered now (at most {@link #CACHE_SIZE}). */
    static int cached() {
        return CACHE.size();
    }

    private static String normalize(String raw, String defaultRegion, boolean bareDigitsHaveCountryCode) {
        String number = raw.strip();
        if (number.isEmpty() || number.length() > 40 || !DIALABLE.matcher(number).matches()) {
            return null;
        }
        if (number.startsWith("00")) {
            number = "+" + number.substring(2);
        }
        if (number.startsWith("+")) {
            return parse(number, null);
        }
        String region = regionOf(defaultRegion);
        String national = region != null ? parse(number, region) : null;
        if (national != null) {
            return national;
        }
        return bareDigitsHaveCountryCode ? parse("+" + number, null) : null;
    }

    /** Whether libphonenumber knows the region code (any case, surrounding blanks ignored). */
    public static boolean isRegion(String region) {
        return regionOf(region) != null;
    }

    private static String regionOf(String defaultRegion) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            return null;
        }
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        return UTIL.getSupportedRegions().contains(region) ? region : null;
    }

    private static String parse(String number, String region) {
        try {
            PhoneNumber parsed = UTIL.parse(number, region);
            if (parsed.hasExtension() || !UTIL.isPossibleNumber(parsed)) {
                return null;
            }
            return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private record Key(String raw, String defaultRegion, boolean bareDigitsHaveCountryCode) {
    }
}
