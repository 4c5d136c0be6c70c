package io.github.camelsms.sms.provider.laml;

import io.github.camelsms.sms.text.SmsPhoneNumbers;

/**
 * E.164 numbers for the LaML APIs.
 */
final class LamlNumbers {

    static final String FORMAT_HINT = "use E.164, a + then the country code and the number, for example +4522334488,"
                                      + " or set defaultRegion for national numbers";

    private LamlNumbers() {
    }

    /** The number in E.164, or null when it is not a possible phone number. */
    static String e164(String raw, String defaultRegion) {
        return SmsPhoneNumbers.toE164(raw, defaultRegion, false);
    }
}
