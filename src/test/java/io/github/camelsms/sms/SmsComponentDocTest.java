package io.github.camelsms.sms;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build check that keeps src/main/docs/sms-component.adoc true: its options and headers tables must be exactly
 * what the generated component JSON says. After changing options, {@value #REGENERATE} rewrites the tables and the
 * Spring Boot sources.
 */
class SmsComponentDocTest {

    static final Path DOC = Path.of("src/main/docs/sms-component.adoc");
    static final String START = "// component options: START\n";
    static final String END = "// component options: END\n";
    /** The one command that regenerates everything the build does not: the doc's tables, the Spring Boot sources. */
    static final String REGENERATE = "mvn -B test -Dtest='SmsComponentDocTest,SpringBootSourcesTest'"
                                     + " -Dsms.updateDoc=true";

    @Test
    void docTablesMatchTheComponentJson() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("start marker in " + DOC).isNotNegative();
        assertThat(end).as("end marker in " + DOC).isGreaterThan(start);
        String expected = renderTables(componentJson());
        String actual = doc.substring(start + START.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("sms.updateDoc")) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + expected + doc.substring(end));
            return;
        }
        assertThat(actual).as("the tables of %s drift from sms.json: run %s to regenerate them", DOC, REGENERATE)
                .isEqualTo(expected);
    }

    static JsonNode componentJson() throws Exception {
        try (InputStream in = SmsComponent.class.getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static String renderTables(JsonNode json) {
        StringBuilder out = new StringBuilder();
        section(out, "Component Options", "The SMS component supports %d options, which are listed below.",
                json.get("componentProperties"));
        section(out, "Endpoint Options", "The SMS endpoint is configured using URI syntax:\n\n----\nsms:provider/operation\n"
                                         + "----\n\nwith %d options, path and query parameters, listed below.",
                json.get("properties"));
        out.append("=== Message Headers\n\nThe SMS component supports ").append(json.get("headers").size())
                .append(" message headers, which are listed below.\n\n");
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> header : json.get("headers").properties()) {
            JsonNode h = header.getValue();
            out.append("| *").append(header.getKey()).append("* (").append(text(h, "label", "common"))
                    .append(")\n`").append(text(h, "constantName", "")).append("` | ")
                    .append(escape(text(h, "description", ""))).append(" | ").append(text(h, "defaultValue", ""))
                    .append(" | ").append(simpleType(text(h, "javaType", ""))).append('\n');
        }
        out.append("|===\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String intro, JsonNode options) {
        out.append("=== ").append(title).append("\n\n").append(String.format(intro, options.size())).append("\n\n");
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode o = option.getValue();
            String label = o.get("kind").asText().equals("path") ? "common" : text(o, "label", "common");
            out.append("| *").append(option.getKey()).append("* (").append(label).append(')')
                    .append(o.path("required").asBoolean() ? " *required*" : "")
                    .append(o.path("secret").asBoolean() ? " *secret*" : "")
                    .append(" | ").append(escape(text(o, "description", "")))
                    .append(o.has("enum") ? " Values: " + String.join(", ", enumValues(o)) + "." : "")
                    .append(" | ").append(text(o, "defaultValue", "")).append(" | ")
                    .append(simpleType(text(o, "javaType", ""))).append('\n');
        }
        out.append("|===\n\n");
    }

    private static java.util.List<String> enumValues(JsonNode o) {
        java.util.List<String> values = new java.util.ArrayList<>();
        o.get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }

    private static String simpleType(String javaType) {
        return javaType.replaceAll("([a-z0-9_]+\\.)+", "");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
