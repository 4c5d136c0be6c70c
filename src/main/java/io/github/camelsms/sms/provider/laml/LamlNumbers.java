package io.github.camelsms.sms.provider.laml;

import java.util.regex.Pattern;

/**
 * E.164 numbers for the LaML APIs.
 */
final class LamlNumbers {

    private static final Pattern E164 = Pattern.compile("\\+\\d{8,15}");

    private LamlNumbers() {
    }

    /** The number as + and 8 to 15 digits (spaces and dashes removed), or null when it is not E.164. */
    static String e164(String raw) {
        if (raw == null) {
            return null;
        }
        String stripped = raw.strip().replace(" ", "").replace("-", "");
        return E164.matcher(stripped).matches() ? stripped : null;
    }
}
