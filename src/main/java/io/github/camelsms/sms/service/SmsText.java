package io.github.camelsms.sms.service;

/**
 * How a text travels as SMS: the alphabet it needs (GSM 03.38 7-bit or UCS-2) and how many segments it takes.
 */
public final class SmsText {

    public static final String GSM7 = "GSM7";
    public static final String UCS2 = "UCS2";

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters of the extension table: each takes two septets (escape + character). */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private final String encoding;
    private final int units;
    private final int segments;

    private SmsText(String encoding, int units, int segments) {
        this.encoding = encoding;
        this.units = units;
        this.segments = segments;
    }

    public static SmsText of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int codeUnits = text.length();
                return new SmsText(UCS2, codeUnits, codeUnits <= 70 ? 1 : ceilDiv(codeUnits, 67));
            }
        }
        return new SmsText(GSM7, septets, septets <= 160 ? 1 : ceilDiv(septets, 153));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** {@link #GSM7} or {@link #UCS2}. */
    public String encoding() {
        return encoding;
    }

    /** Septets for GSM7, UTF-16 code units for UCS2. */
    public int units() {
        return units;
    }

    public int segments() {
        return segments;
    }
}
