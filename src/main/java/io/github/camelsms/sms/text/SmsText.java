package io.github.camelsms.sms.text;

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
        int[] gsmCosts = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmCosts[i] = 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsmCosts[i] = 2;
            } else {
                return ucs2(text);
            }
        }
        return packed(GSM7, gsmCosts, 160, 153);
    }

    /** UTF-16 code units; a surrogate pair (emoji) is one unit of cost 2 that is never split across segments. */
    private static SmsText ucs2(String text) {
        int[] costs = text.codePoints().map(Character::charCount).toArray();
        return packed(UCS2, costs, 70, 67);
    }

    /**
     * A single SMS holds {@code single} units; a concatenated one loses room to its header and holds {@code part}.
     * An escaped GSM character or a surrogate pair is never split, so a segment can end up a unit short.
     */
    private static SmsText packed(String encoding, int[] costs, int single, int part) {
        int units = 0;
        for (int cost : costs) {
            units += cost;
        }
        if (units <= single) {
            return new SmsText(encoding, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > part) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsText(encoding, units, segments);
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
