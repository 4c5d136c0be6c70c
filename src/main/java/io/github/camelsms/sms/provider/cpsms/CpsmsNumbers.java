package io.github.camelsms.sms.provider.cpsms;

import io.github.camelsms.sms.text.SmsPhoneNumbers;

/**
 * CPSMS numbers: the country code and the number, digits only, no +.
 */
final class CpsmsNumbers {

    static final String FORMAT_HINT = "use the country code and the number, for example +4522334488 or 4522334488,"
                                      + " or set defaultRegion for national numbers";

    private CpsmsNumbers() {
    }

    /** The number in CPSMS format, or null when it is not a possible phone number. */
    static String normalize(String raw, String defaultRegion) {
        String e164 = SmsPhoneNumbers.toE164(raw, defaultRegion, true);
        return e164 == null ? null : fromE164(e164);
    }

    static String fromE164(String e164) {
        return e164.substring(1);
    }
}
