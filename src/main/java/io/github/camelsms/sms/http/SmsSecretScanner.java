package io.github.camelsms.sms.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds secrets in text as servers really write them, whatever mix of encodings they put on it: read in each charset
 * the bytes may be in (UTF-8, ISO-8859-1, UTF-16 in either byte order and alignment), then un-escaped to a canonical
 * form (JSON {@code \\uXXXX} and {@code \\/}, HTML entities named and numeric, percent-encoding in either hex case and
 * in UTF-8 or ISO-8859-1, {@code %uXXXX}, layered up to {@value #MAX_LAYERS} times), in which each secret is looked
 * for once. Every canonical character remembers where its source began and ended, so a match is located in the
 * original bytes or characters. Each step is linear in the input. Text with no escape character, no byte outside
 * ASCII and no NUL is already canonical: it is searched as it is, without allocating.
 */
final class SmsSecretScanner {

    /** Stands for an obsolete header fold (CRLF and blanks), which HttpClient joins into one space. */
    private static final char FOLD = '\uFFFF';
    private static final int MAX_LAYERS = 4;

    private static final int UTF8 = 0;
    private static final int LATIN1 = 1;
    private static final int UTF16LE = 2;
    private static final int UTF16BE = 3;

    /** Bytes that send text to the slow path: escape introducers, NUL and every byte outside ASCII. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        SPECIAL['\\'] = true;
        SPECIAL['%'] = true;
        SPECIAL['&'] = true;
        SPECIAL[0] = true;
        for (int b = 0x80; b < 256; b++) {
            SPECIAL[b] = true;
        }
    }

    private final char[][] needles;
    /** The needles that are plain ASCII, by their first character (and by '+' where they begin with a space). */
    private final char[][][] asciiByFirst = new char[128][][];
    private final int longest;

    /** @param secrets the secrets as they are (not encoded); each is put into canonical form here */
    SmsSecretScanner(Collection<String> secrets) {
        needles = secrets.stream().map(s -> canonical(Text.of(s)).chars()).filter(n -> n.length > 0)
                .toArray(char[][]::new);
        int longestNeedle = 0;
        for (char[] needle : needles) {
            longestNeedle = Math.max(longestNeedle, needle.length);
            boolean ascii = true;
            for (char c : needle) {
                ascii &= c < 128;
            }
            if (ascii) {
                index(needle, needle[0]);
                if (needle[0] == ' ') {
                    index(needle, '+');
                }
            }
        }
        longest = longestNeedle;
    }

    private void index(char[] needle, char first) {
        char[][] same = asciiByFirst[first];
        same = same == null ? new char[1][] : Arrays.copyOf(same, same.length + 1);
        same[same.length - 1] = needle;
        asciiByFirst[first] = same;
    }

    boolean isEmpty() {
        return needles.length == 0;
    }

    /** The most bytes one secret takes once encoded (a non-ASCII character percent-encoded twice: 10 bytes). */
    int longestEncoded() {
        return longest * 12;
    }

    // ---- bytes

    /**
     * Where the secrets are in the bytes between {@code from} and {@code to}, as [start, end) byte offsets, read as
     * UTF-8 and as ISO-8859-1 (the charset HttpClient reads a response head in), with header folds inside a secret.
     */
    Spans findInHead(ByteBuffer bytes, int from, int to) {
        Spans spans = new Spans();
        int flags = scanAscii(bytes, from, to, spans, true);
        if (flags != 0) {
            spans.clear();
            find(Text.ofBytes(bytes, from, to, UTF8, true), spans);
            if ((flags & HIGH) != 0) {
                find(Text.ofBytes(bytes, from, to, LATIN1, true), spans);
            }
        }
        return spans;
    }

    /** The bytes with every secret replaced by the mask in the charset it was found in; the same array when none. */
    byte[] mask(byte[] body, String mask) {
        if (isEmpty()) {
            return body;
        }
        Spans spans = new Spans();
        int flags = scanAscii(ByteBuffer.wrap(body), 0, body.length, spans, false);
        if (flags == 0) {
            return spans.isEmpty() ? body : replace(body, spans, mask.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] masked = body;
        for (int mode = UTF8; mode <= UTF16BE; mode++) {
            if (mode == LATIN1 && (flags & HIGH) == 0 || mode >= UTF16LE && (flags & NUL) == 0) {
                continue;
            }
            for (int parity = 0; parity < (mode >= UTF16LE ? 2 : 1); parity++) {
                spans.clear();
                find(Text.ofBytes(ByteBuffer.wrap(masked), parity, masked.length, mode, false), spans);
                if (!spans.isEmpty()) {
                    masked = replace(masked, spans, maskBytes(mask, mode));
                }
            }
        }
        return masked;
    }

    private static byte[] maskBytes(String mask, int mode) {
        return mask.getBytes(switch (mode) {
            case UTF16LE -> java.nio.charset.StandardCharsets.UTF_16LE;
            case UTF16BE -> java.nio.charset.StandardCharsets.UTF_16BE;
            default -> java.nio.charset.StandardCharsets.UTF_8;
        });
    }

    private static byte[] replace(byte[] bytes, Spans spans, byte[] mask) {
        spans.merge();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        int at = 0;
        for (int i = 0; i < spans.size; i++) {
            out.write(bytes, at, spans.start(i) - at);
            out.write(mask, 0, mask.length);
            at = spans.end(i);
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static final int HIGH = 1;
    private static final int NUL = 2;
    private static final int OTHER = 4;

    /**
     * The fast path: finds the ASCII needles in text that needs no decoding, and says (as flags) why the text needs the
     * slow path when it does: 0 when the spans found are all there is.
     */
    private int scanAscii(ByteBuffer bytes, int from, int to, Spans spans, boolean head) {
        int flags = 0;
        for (int i = from; i < to; i++) {
            int b = bytes.get(i) & 0xff;
            if (SPECIAL[b]) {
                flags |= b == 0 ? NUL : b >= 0x80 ? HIGH : OTHER;
                continue;
            }
            if (head && b == '\n' && i + 1 < to && isBlank(bytes.get(i + 1))) {
                flags |= OTHER;
            }
            char[][] candidates = asciiByFirst[b];
            if (candidates != null && flags == 0) {
                for (char[] needle : candidates) {
                    int end = asciiMatch(bytes, i, to, needle);
                    if (end > 0) {
                        spans.add(i, end);
                        i = end - 1;
                        break;
                    }
                }
            }
        }
        return flags;
    }

    private static int asciiMatch(ByteBuffer bytes, int at, int to, char[] needle) {
        if (at + needle.length > to) {
            return -1;
        }
        for (int j = 0; j < needle.length; j++) {
            int b = bytes.get(at + j);
            if (b != needle[j] && !(needle[j] == ' ' && b == '+')) {
                return -1;
            }
        }
        return at + needle.length;
    }

    private static boolean isBlank(int b) {
        return b == ' ' || b == '\t';
    }

    // ---- characters

    /**
     * Where the secrets are in the text, as [start, end) character offsets: in the characters as they are, and, where
     * the text may be bytes a reader took for ISO-8859-1 (an HTTP header, a body read in the wrong charset), in those
     * bytes read as UTF-8 and as UTF-16.
     */
    Spans find(CharSequence text) {
        Spans spans = new Spans();
        if (text == null || isEmpty()) {
            return spans;
        }
        boolean special = false;
        boolean latin1High = false;
        boolean nul = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            special |= c >= 128 || c == '\\' || c == '%' || c == '&' || c == 0;
            latin1High |= c >= 0x80 && c <= 0xff;
            nul |= c == 0;
        }
        if (!special) {
            findAscii(text, spans);
            return spans;
        }
        find(Text.of(text), spans);
        if (latin1High || nul) {
            byte[] asBytes = new byte[text.length()];
            for (int i = 0; i < asBytes.length; i++) {
                char c = text.charAt(i);
                asBytes[i] = (byte) (c <= 0xff ? c : '?');
            }
            ByteBuffer buffer = ByteBuffer.wrap(asBytes);
            if (latin1High) {
                find(Text.ofBytes(buffer, 0, asBytes.length, UTF8, false), spans);
            }
            if (nul) {
                for (int mode = UTF16LE; mode <= UTF16BE; mode++) {
                    find(Text.ofBytes(buffer, 0, asBytes.length, mode, false), spans);
                    find(Text.ofBytes(buffer, 1, asBytes.length, mode, false), spans);
                }
            }
        }
        spans.merge();
        return spans;
    }

    private void findAscii(CharSequence text, Spans spans) {
        for (int i = 0; i < text.length(); i++) {
            char[][] candidates = asciiByFirst[text.charAt(i)];
            if (candidates == null) {
                continue;
            }
            for (char[] needle : candidates) {
                if (matchesAt(text, i, needle)) {
                    spans.add(i, i + needle.length);
                    i += needle.length - 1;
                    break;
                }
            }
        }
    }

    private static boolean matchesAt(CharSequence text, int at, char[] needle) {
        if (at + needle.length > text.length()) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            char c = text.charAt(at + j);
            if (c != needle[j] && !(needle[j] == ' ' && c == '+')) {
                return false;
            }
        }
        return true;
    }

    /** Adds where the needles are in the canonical form of the text. */
    private void find(Text source, Spans spans) {
        Text text = canonical(source);
        for (int i = 0; i < text.length; i++) {
            for (char[] needle : needles) {
                int end = matchEnd(text, i, needle);
                if (end > 0) {
                    spans.add(text.start[i], text.end[end - 1]);
                    i = end - 1;
                    break;
                }
            }
        }
    }

    /** The canonical index after the needle if it starts at {@code at}, or -1. A fold may stand inside a secret. */
    private static int matchEnd(Text text, int at, char[] needle) {
        int p = at;
        for (int j = 0; j < needle.length; j++) {
            while (j > 0 && p < text.length && text.chars[p] == FOLD && needle[j] != ' ') {
                p++;
            }
            if (p >= text.length) {
                return -1;
            }
            char c = text.chars[p];
            if (c != needle[j] && !(needle[j] == ' ' && (c == '+' || c == FOLD && j > 0))) {
                return -1;
            }
            p++;
        }
        return p;
    }

    private static Text canonical(Text text) {
        Text current = text;
        for (int layer = 0; layer < MAX_LAYERS; layer++) {
            Text next = Unescaper.unescape(current);
            if (next == current) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Characters, each with the [start, end) of its source. */
    static final class Text {
        final char[] chars;
        final int[] start;
        final int[] end;
        final int length;

        Text(char[] chars, int[] start, int[] end, int length) {
            this.chars = chars;
            this.start = start;
            this.end = end;
            this.length = length;
        }

        char[] chars() {
            return Arrays.copyOf(chars, length);
        }

        static Text of(CharSequence s) {
            int n = s.length();
            char[] chars = new char[n];
            int[] start = new int[n];
            int[] end = new int[n];
            for (int i = 0; i < n; i++) {
                chars[i] = s.charAt(i);
                start[i] = i;
                end[i] = i + 1;
            }
            return new Text(chars, start, end, n);
        }

        /** The bytes read in one charset; malformed input reads as U+FFFD, one byte at a time. */
        static Text ofBytes(ByteBuffer bytes, int from, int to, int mode, boolean folds) {
            int capacity = Math.max(0, to - from);
            char[] chars = new char[capacity];
            int[] start = new int[capacity];
            int[] end = new int[capacity];
            int n = 0;
            int i = from;
            while (i < to) {
                int cp;
                int next;
                if (folds && i + 2 < to && bytes.get(i) == '\r' && bytes.get(i + 1) == '\n'
                    && isBlank(bytes.get(i + 2))) {
                    next = i + 3;
                    while (next < to && isBlank(bytes.get(next))) {
                        next++;
                    }
                    cp = FOLD;
                } else if (mode == UTF16LE || mode == UTF16BE) {
                    if (i + 1 >= to) {
                        break;
                    }
                    int a = bytes.get(i) & 0xff;
                    int b = bytes.get(i + 1) & 0xff;
                    cp = mode == UTF16LE ? b << 8 | a : a << 8 | b;
                    next = i + 2;
                } else if (mode == LATIN1) {
                    cp = bytes.get(i) & 0xff;
                    next = i + 1;
                } else {
                    long decoded = utf8(bytes, i, to);
                    cp = (int) (decoded >>> 32);
                    next = i + (int) decoded;
                }
                if (Character.isSupplementaryCodePoint(cp)) {
                    chars[n] = Character.highSurrogate(cp);
                    start[n] = i;
                    end[n++] = next;
                    chars[n] = Character.lowSurrogate(cp);
                } else {
                    chars[n] = (char) cp;
                }
                start[n] = i;
                end[n++] = next;
                i = next;
            }
            return new Text(chars, start, end, n);
        }
    }

    /** The code point at {@code at} (high 32 bits) and its length in bytes (low bits); U+FFFD and 1 when malformed. */
    static long utf8(ByteBuffer bytes, int at, int to) {
        int lead = bytes.get(at) & 0xff;
        int length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                : lead >= 0xF0 && lead < 0xF5 ? 4 : 0;
        if (length == 1) {
            return (long) lead << 32 | 1;
        }
        if (length == 0 || at + length > to) {
            return (long) 0xFFFD << 32 | 1;
        }
        int cp = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = bytes.get(at + k) & 0xff;
            if ((b & 0xC0) != 0x80) {
                return (long) 0xFFFD << 32 | 1;
            }
            cp = cp << 6 | b & 0x3F;
        }
        boolean overlong = length == 3 && cp < 0x800 || length == 4 && (cp < 0x10000 || cp > 0x10FFFF);
        return overlong ? (long) 0xFFFD << 32 | 1 : (long) cp << 32 | length;
    }

    /** One layer of un-escaping: JSON, HTML entities and percent-encoding at once. */
    static final class Unescaper {

        private static final Map<String, Character> ENTITIES = new HashMap<>();

        static {
            String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg "
                               + "plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 "
                               + "iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml "
                               + "Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash "
                               + "Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring "
                               + "aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve "
                               + "oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml")
                    .split(" ");
            for (int i = 0; i < latin1.length; i++) {
                ENTITIES.put(latin1[i], (char) (0xA0 + i));
            }
            String[] ascii = { "Tab\t", "NewLine\n", "excl!", "quot\"", "QUOT\"", "num#", "dollar$", "percnt%",
                               "amp&", "AMP&", "apos'", "lpar(", "rpar)", "ast*", "midast*", "plus+", "comma,",
                               "period.", "sol/", "colon:", "semi;", "lt<", "LT<", "equals=", "gt>", "GT>", "quest?",
                               "commat@", "lsqb[", "lbrack[", "bsol\\", "rsqb]", "rbrack]", "Hat^", "lowbar_",
                               "UnderBar_", "grave`", "lcub{", "lbrace{", "verbar|", "vert|", "VerticalLine|",
                               "rcub}", "rbrace}", "euro\u20ac" };
            for (String entity : ascii) {
                ENTITIES.put(entity.substring(0, entity.length() - 1), entity.charAt(entity.length() - 1));
            }
        }

        /** The text one layer of escapes down; the same instance when it holds no escape. */
        static Text unescape(Text in) {
            char[] chars = null;
            int[] start = null;
            int[] end = null;
            int n = 0;
            int i = 0;
            while (i < in.length) {
                char c = in.chars[i];
                long decoded = c == '\\' ? json(in, i) : c == '&' ? entity(in, i) : c == '%' ? percentU(in, i) : -1;
                if (decoded < 0 && c == '%') {
                    decoded = percentBytes(in, i);
                }
                if (decoded < 0) {
                    if (chars != null) {
                        chars[n] = c;
                        start[n] = in.start[i];
                        end[n++] = in.end[i];
                    }
                    i++;
                    continue;
                }
                if (chars == null) {
                    chars = new char[in.length];
                    start = new int[in.length];
                    end = new int[in.length];
                    System.arraycopy(in.chars, 0, chars, 0, i);
                    System.arraycopy(in.start, 0, start, 0, i);
                    System.arraycopy(in.end, 0, end, 0, i);
                    n = i;
                }
                int cp = (int) (decoded >>> 32);
                int next = (int) decoded;
                if (Character.isSupplementaryCodePoint(cp)) {
                    chars[n] = Character.highSurrogate(cp);
                    start[n] = in.start[i];
                    end[n++] = in.end[next - 1];
                    cp = Character.lowSurrogate(cp);
                }
                chars[n] = (char) cp;
                start[n] = in.start[i];
                end[n++] = in.end[next - 1];
                i = next;
            }
            return chars == null ? in : new Text(chars, start, end, n);
        }

        private static long result(int cp, int next) {
            return (long) cp << 32 | next;
        }

        /** {@code \\uXXXX}, {@code \\xXX} and the one-character JSON escapes. */
        private static long json(Text in, int at) {
            if (at + 1 >= in.length) {
                return -1;
            }
            char e = in.chars[at + 1];
            return switch (e) {
                case 'u' -> hexAt(in, at + 2, 4) < 0 ? -1 : result(hexAt(in, at + 2, 4), at + 6);
                case 'x' -> hexAt(in, at + 2, 2) < 0 ? -1 : result(hexAt(in, at + 2, 2), at + 4);
                case '/', '\\', '"', '\'' -> result(e, at + 2);
                case 'b' -> result('\b', at + 2);
                case 'f' -> result('\f', at + 2);
                case 'n' -> result('\n', at + 2);
                case 'r' -> result('\r', at + 2);
                case 't' -> result('\t', at + 2);
                default -> -1;
            };
        }

        /** {@code &name;}, {@code &#NN;} and {@code &#xHH;} (the numeric ones also without the semicolon). */
        private static long entity(Text in, int at) {
            int p = at + 1;
            if (p < in.length && in.chars[p] == '#') {
                p++;
                boolean hex = p < in.length && (in.chars[p] == 'x' || in.chars[p] == 'X');
                if (hex) {
                    p++;
                }
                int cp = 0;
                int digits = 0;
                while (p < in.length && digits < 8 && Character.digit(in.chars[p], hex ? 16 : 10) >= 0
                       && in.chars[p] < 128) {
                    cp = cp * (hex ? 16 : 10) + Character.digit(in.chars[p], hex ? 16 : 10);
                    p++;
                    digits++;
                }
                if (digits == 0 || cp > Character.MAX_CODE_POINT) {
                    return -1;
                }
                return result(cp, p < in.length && in.chars[p] == ';' ? p + 1 : p);
            }
            StringBuilder name = new StringBuilder();
            while (p < in.length && name.length() < 14 && isAsciiLetterOrDigit(in.chars[p])) {
                name.append(in.chars[p++]);
            }
            Character c = p < in.length && in.chars[p] == ';' ? ENTITIES.get(name.toString()) : null;
            return c == null ? -1 : result(c, p + 1);
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }

        /** {@code %uXXXX}, as JavaScript's escape() writes a character outside ISO-8859-1. */
        private static long percentU(Text in, int at) {
            if (at + 1 < in.length && (in.chars[at + 1] == 'u' || in.chars[at + 1] == 'U')) {
                int cp = hexAt(in, at + 2, 4);
                return cp < 0 ? -1 : result(cp, at + 6);
            }
            return -1;
        }

        /** One character from a run of {@code %XX}: a UTF-8 sequence when the bytes make one, else one ISO-8859-1 byte. */
        private static long percentBytes(Text in, int at) {
            int first = hexAt(in, at + 1, 2);
            if (first < 0) {
                return -1;
            }
            byte[] run = new byte[4];
            run[0] = (byte) first;
            int count = 1;
            while (count < 4 && at + 3 * count < in.length && in.chars[at + 3 * count] == '%'
                   && hexAt(in, at + 3 * count + 1, 2) >= 0) {
                run[count] = (byte) hexAt(in, at + 3 * count + 1, 2);
                count++;
            }
            long decoded = utf8(ByteBuffer.wrap(run), 0, count);
            int cp = (int) (decoded >>> 32);
            int length = (int) decoded;
            if (length == 1 && first >= 0x80) {
                cp = first; // not UTF-8: a byte of ISO-8859-1
            }
            return result(cp, at + 3 * length);
        }

        private static int hexAt(Text in, int at, int digits) {
            if (at + digits > in.length) {
                return -1;
            }
            int value = 0;
            for (int k = 0; k < digits; k++) {
                char c = in.chars[at + k];
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return -1;
                }
                value = value << 4 | d;
            }
            return value;
        }
    }

    /** [start, end) pairs. */
    static final class Spans {
        private int[] pairs;
        private int size;

        void add(int start, int end) {
            if (pairs == null) {
                pairs = new int[8];
            } else if (2 * size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * size] = start;
            pairs[2 * size + 1] = end;
            size++;
        }

        int size() {
            return size;
        }

        int start(int i) {
            return pairs[2 * i];
        }

        int end(int i) {
            return pairs[2 * i + 1];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
        }

        /** Sorts the spans and joins those that overlap. */
        void merge() {
            if (size < 2) {
                return;
            }
            long[] sorted = new long[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = (long) start(i) << 32 | end(i);
            }
            Arrays.sort(sorted);
            int n = 0;
            for (long span : sorted) {
                int s = (int) (span >>> 32);
                int e = (int) span;
                if (n > 0 && s < pairs[2 * n - 1]) {
                    pairs[2 * n - 1] = Math.max(pairs[2 * n - 1], e);
                } else {
                    pairs[2 * n] = s;
                    pairs[2 * n + 1] = e;
                    n++;
                }
            }
            size = n;
        }
    }
}
