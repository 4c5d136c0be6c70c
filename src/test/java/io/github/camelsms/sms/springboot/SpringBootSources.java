package io.github.camelsms.sms.springboot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.util.StringHelper;

/**
 * Writes the Spring Boot binding of the component from its Camel metadata (sms.json), as camel-spring-boot's generator
 * writes its starters: the {@code @ConfigurationProperties} class for {@code camel.component.sms.*}, the converter for
 * bean references ({@code #name}) and META-INF/spring-configuration-metadata.json for IDEs.
 */
final class SpringBootSources {

    static final String PACKAGE = "io.github.camelsms.sms.springboot";
    static final String PREFIX = "camel.component.sms";
    static final String CONFIGURATION_CLASS = PACKAGE + ".SmsComponentConfiguration";
    static final String CUSTOMIZER_CLASS
            = "org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon$CustomizerProperties";
    /** The one command that regenerates the Spring Boot sources and the component doc's tables from sms.json. */
    static final String REGENERATE = "mvn -B test -Dtest='SmsComponentDocTest,SpringBootSourcesTest'"
                                     + " -Dsms.updateDoc=true";
    private static final String HEADER = "// Generated from the component's metadata (sms.json) by SpringBootSourcesTest:"
                                         + " do not edit.\n// Regenerate with: " + REGENERATE + "\n";
    private static final Map<String, String> BOXED = Map.of("boolean", "java.lang.Boolean", "int", "java.lang.Integer",
            "long", "java.lang.Long", "double", "java.lang.Double", "float", "java.lang.Float", "short",
            "java.lang.Short", "byte", "java.lang.Byte", "char", "java.lang.Character");
    private static final Set<String> VALUE_TYPES = Set.of("java.lang.String", "java.lang.Boolean", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character");

    private final JsonNode component;
    private final Map<String, JsonNode> options = new LinkedHashMap<>();

    SpringBootSources(JsonNode componentJson) {
        this.component = componentJson.get("component");
        componentJson.get("componentProperties").properties().forEach(e -> options.put(e.getKey(), e.getValue()));
    }

    /** The Java type of an option's field: boxed, so that an option nobody set stays null and is not applied. */
    static String fieldType(JsonNode option) {
        String javaType = option.get("javaType").asText();
        return BOXED.getOrDefault(javaType, javaType);
    }

    private static String sourceType(JsonNode option) {
        String type = fieldType(option);
        return type.startsWith("java.lang.") ? type.substring("java.lang.".length()) : type;
    }

    /** Options whose value is a bean: set from Spring as {@code #beanName}. */
    List<String> beanTypes() {
        Set<String> types = new TreeSet<>();
        options.values().stream().map(SpringBootSources::fieldType).filter(t -> !VALUE_TYPES.contains(t) && !t.startsWith("java.util."))
                .forEach(types::add);
        return new ArrayList<>(types);
    }

    static String propertyName(String option) {
        return PREFIX + "." + StringHelper.camelCaseToDash(option);
    }

    String configurationClass() {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("package ").append(PACKAGE).append(";\n\n");
        out.append("import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n");
        out.append("import org.springframework.boot.context.properties.ConfigurationProperties;\n\n");
        out.append("/**\n");
        javadocLines(out, "", component.get("description").asText());
        out.append(" * <p>\n");
        javadocLines(out, "", "The options of camel.component.sms.* in Spring Boot. An option left unset keeps the"
                              + " component's default.");
        out.append(" */\n");
        out.append("@ConfigurationProperties(prefix = \"").append(PREFIX).append("\")\n");
        out.append("public class SmsComponentConfiguration extends ComponentConfigurationPropertiesCommon {\n\n");
        for (Map.Entry<String, JsonNode> option : options.entrySet()) {
            out.append("    /**\n");
            javadocLines(out, "    ", option.getValue().get("description").asText());
            out.append("     */\n");
            out.append("    private ").append(sourceType(option.getValue())).append(' ').append(option.getKey())
                    .append(";\n");
        }
        for (Map.Entry<String, JsonNode> option : options.entrySet()) {
            String name = option.getKey();
            String type = sourceType(option.getValue());
            String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            out.append("\n    public ").append(type).append(" get").append(capital).append("() {\n        return ")
                    .append(name).append(";\n    }\n");
            out.append("\n    public void set").append(capital).append('(').append(type).append(' ').append(name)
                    .append(") {\n        this.").append(name).append(" = ").append(name).append(";\n    }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    String converterClass() {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("package ").append(PACKAGE).append(";\n\n");
        out.append("import java.util.Set;\n\n");
        out.append("import org.springframework.beans.factory.annotation.Autowired;\n");
        out.append("import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;\n");
        out.append("import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;\n");
        out.append("import org.springframework.context.ApplicationContext;\n");
        out.append("import org.springframework.context.annotation.Configuration;\n");
        out.append("import org.springframework.core.convert.TypeDescriptor;\n");
        out.append("import org.springframework.core.convert.converter.GenericConverter;\n");
        out.append("import org.springframework.stereotype.Component;\n\n");
        out.append("/**\n");
        javadocLines(out, "", "Binds the options whose value is a bean from a reference to a Spring bean:"
                              + " camel.component.sms.http-async-client-configurer = #myConfigurer (or #bean:myConfigurer)."
                              + " A value without # is refused rather than ignored.");
        out.append(" */\n");
        out.append("@Configuration(proxyBeanMethods = false)\n");
        out.append("@ConditionalOnClass(name = \"org.apache.camel.spring.boot.CamelAutoConfiguration\")\n");
        out.append("@ConfigurationPropertiesBinding\n@Component\n");
        out.append("public class SmsComponentConverter implements GenericConverter {\n\n");
        out.append("    @Autowired\n    private ApplicationContext applicationContext;\n\n");
        out.append("    @Override\n    public Set<ConvertiblePair> getConvertibleTypes() {\n        return Set.of(");
        List<String> types = beanTypes();
        for (int i = 0; i < types.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append("                new ConvertiblePair(String.class, ")
                    .append(types.get(i)).append(".class)");
        }
        out.append(");\n    }\n\n");
        out.append("    @Override\n    public Object convert(Object source, TypeDescriptor sourceType,"
                   + " TypeDescriptor targetType) {\n");
        out.append("        return source == null ? null\n                : SmsBeanReferences.lookup(applicationContext,"
                   + " source.toString(), targetType.getType());\n    }\n}\n");
        return out.toString();
    }

    String metadataJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        groups.addObject().put("name", PREFIX).put("type", CONFIGURATION_CLASS).put("sourceType", CONFIGURATION_CLASS);
        groups.addObject().put("name", PREFIX + ".customizer").put("type", CUSTOMIZER_CLASS)
                .put("sourceType", CONFIGURATION_CLASS).put("sourceMethod", "getCustomizer()");
        Map<String, ObjectNode> properties = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> option : options.entrySet()) {
            JsonNode o = option.getValue();
            ObjectNode property = mapper.createObjectNode();
            property.put("name", propertyName(option.getKey()));
            property.put("type", fieldType(o));
            property.put("description", o.get("description").asText()
                                        + (VALUE_TYPES.contains(fieldType(o)) ? ""
                                                : " The value is a reference to a bean: #beanName."));
            property.put("sourceType", CONFIGURATION_CLASS);
            if (o.has("defaultValue")) {
                property.set("defaultValue", o.get("defaultValue"));
            }
            if (o.path("deprecated").asBoolean()) {
                property.putObject("deprecation");
            }
            properties.put(propertyName(option.getKey()), property);
        }
        properties.put(PREFIX + ".enabled", mapper.createObjectNode().put("name", PREFIX + ".enabled")
                .put("type", "java.lang.Boolean")
                .put("description", "Whether to enable auto configuration of the sms component. This is enabled by"
                                    + " default.")
                .put("sourceType", CONFIGURATION_CLASS).put("defaultValue", true));
        properties.put(PREFIX + ".customizer.enabled", mapper.createObjectNode()
                .put("name", PREFIX + ".customizer.enabled").put("type", "java.lang.Boolean")
                .put("description", "Whether Spring Boot configures the sms component from these properties. This is"
                                    + " enabled by default.")
                .put("sourceType", CUSTOMIZER_CLASS));
        ArrayNode list = root.putArray("properties");
        properties.values().forEach(list::add);
        ArrayNode hints = root.putArray("hints");
        for (Map.Entry<String, JsonNode> option : options.entrySet()) {
            if (option.getValue().has("enum")) {
                ObjectNode hint = hints.addObject().put("name", propertyName(option.getKey()));
                ArrayNode values = hint.putArray("values");
                option.getValue().get("enum").forEach(v -> values.addObject().set("value", v));
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(printer).writeValueAsString(root) + "\n";
    }

    private static void javadocLines(StringBuilder out, String indent, String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
        StringBuilder line = new StringBuilder();
        for (String word : escaped.split("\\s+")) {
            if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > 110) {
                out.append(indent).append(" * ").append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            out.append(indent).append(" * ").append(line).append('\n');
        }
    }
}
