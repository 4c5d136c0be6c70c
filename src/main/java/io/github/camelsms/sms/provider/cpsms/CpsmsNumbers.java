package io.github.camelsms.sms.provider.cpsms;

import java.util.regex.Pattern;

/**
 * CPSMS numbers: the country code and the number, digits only, no +.
 */
final class CpsmsNumbers {

    private static final Pattern DIGITS_8_TO_15 = Pattern.compile("\\d{8,15}");

    private CpsmsNumbers() {
    }

    /** The number in CPSMS format, or null when it is not 8 to 15 digits once +, spaces and dashes are removed. */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String stripped = raw.strip();
        if (stripped.startsWith("+")) {
            stripped = stripped.substring(1);
        }
        stripped = stripped.replace(" ", "").replace("-", "");
        return DIGITS_8_TO_15.matcher(stripped).matches() ? stripped : null;
    }
}
