package io.github.camelsms.sms.spi;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The component's one configured ObjectMapper, and helpers for reading providers' loosely typed JSON.
 */
public final class SmsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    /** The most characters a numeric string may have; longer ones are not parsed at all. */
    private static final int MAX_NUMBER_LENGTH = 64;
    /** The most digits before the decimal point of an amount (a cost of 10^15 is already absurd). */
    private static final int MAX_AMOUNT_DIGITS = 15;
    /** The most digits after the decimal point of an amount. */
    private static final int MAX_AMOUNT_SCALE = 20;

    private SmsJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode readOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null; // also a number Jackson cannot convert (NumberFormatException): the answer is unreadable
        }
    }

    /**
     * Only the named top-level fields of a JSON object (each name matched with and without regard to case, as
     * {@link #field} looks them up), without building the rest of the tree: a LaML message resource has twenty fields
     * and a send needs four. The whole tree when the body is JSON but not an object; null when it is empty or not JSON.
     */
    public static JsonNode readFieldsOrNull(byte[] body, String... names) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return readOrNull(body);
            }
            ObjectNode fields = MAPPER.getNodeFactory().objectNode();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null; // not reached for well-formed JSON: the parser throws first
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!isOneOf(name, names)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.set(name, TextNode.valueOf(parser.getText()));
                } else if (value == JsonToken.VALUE_NULL) {
                    fields.set(name, NullNode.getInstance());
                } else {
                    fields.set(name, MAPPER.readTree(parser));
                }
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            return null; // also a number Jackson cannot convert (NumberFormatException): the answer is unreadable
        }
    }

    private static boolean isOneOf(String name, String[] names) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** A field looked up without regard to case (CPSMS answers both "success" and "Success"), or null. */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The first of the named fields that is present and not null, as text; null when none is. */
    public static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = field(node, name);
            if (value != null && !value.isNull() && !value.isContainerNode()) {
                return value.asText();
            }
        }
        return null;
    }

    /**
     * The first of the named fields that is present, not null and not blank, as an amount (a cost, price, credit or
     * balance), accepting numbers and numeric strings; null when none is present. Throws
     * {@link IllegalArgumentException} when the value is not a number or is out of any sane range (more than
     * {@value #MAX_AMOUNT_DIGITS} digits before the decimal point or {@value #MAX_AMOUNT_SCALE} after it), so that
     * nothing downstream expands an exponent such as {@code 1e2000000000}.
     */
    public static BigDecimal decimal(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = field(node, name);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                continue;
            }
            if (value.isNumber()) {
                return checkedAmount(name, value.decimalValue());
            }
            if (value.isTextual()) {
                return amount(name, value.asText());
            }
            throw new IllegalArgumentException("the field '" + name + "' is not a number");
        }
        return null;
    }

    /** An amount given as text (see {@link #decimal}); throws {@link IllegalArgumentException} naming the field. */
    public static BigDecimal amount(String field, String text) {
        String trimmed = text.trim();
        if (trimmed.length() > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("the field '" + field + "' holds a number of " + trimmed.length()
                                               + " characters");
        }
        try {
            return checkedAmount(field, new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the field '" + field + "' holds '" + trimmed + "', not a number");
        }
    }

    private static BigDecimal checkedAmount(String field, BigDecimal value) {
        // precision and scale are ints: their difference is computed in long so that it cannot overflow
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_AMOUNT_DIGITS || value.scale() > MAX_AMOUNT_SCALE) {
            throw new IllegalArgumentException("the field '" + field + "' holds " + shortly(value)
                                               + ", out of range for an amount");
        }
        return value;
    }

    /**
     * The first of the named fields that is present and not null, as a whole number between min and max; null when
     * none is present. Throws {@link IllegalArgumentException} when it is not a whole number in that range.
     */
    public static Long integer(JsonNode node, long min, long max, String... names) {
        for (String name : names) {
            JsonNode value = field(node, name);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                continue;
            }
            BigDecimal number = decimal(node, name);
            if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new IllegalArgumentException("the field '" + name + "' holds " + shortly(number)
                                                   + ", not a whole number from " + min + " to " + max);
            }
            return number.longValue();
        }
        return null;
    }

    private static String shortly(BigDecimal value) {
        String text = value.toString(); // scientific notation: never expands the exponent
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
