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

    /** The first of the named fields as a number, accepting numbers and numeric strings; null when none parses. */
    public static BigDecimal decimal(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = field(node, name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                try {
                    return new BigDecimal(value.asText().trim());
                } catch (NumberFormatException e) {
                    // not a number: try the next name
                }
            }
        }
        return null;
    }
}
