package io.github.camelsms.sms.provider.cpsms;

/**
 * CPSMS numbers: the country code and the number, digits only, no +.
 */
final class CpsmsNumbers {

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
        return stripped.matches("\\d{8,15}") ? stripped : null;
    }
}
