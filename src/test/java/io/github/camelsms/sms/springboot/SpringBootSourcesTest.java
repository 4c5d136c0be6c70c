package io.github.camelsms.sms.springboot;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.SmsComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the Spring Boot binding in step with the component's options: the committed configuration class, converter
 * and IDE metadata must be what {@link SpringBootSources} writes from the generated sms.json. After adding or changing
 * an option, {@link SpringBootSources#REGENERATE} rewrites them and the component doc's tables.
 */
class SpringBootSourcesTest {

    private static final Path JAVA = Path.of("src/main/java/io/github/camelsms/sms/springboot");
    private static final Path CONFIGURATION = JAVA.resolve("SmsComponentConfiguration.java");
    private static final Path CONVERTER = JAVA.resolve("SmsComponentConverter.java");
    private static final Path METADATA = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

    @Test
    void committedSourcesAreWhatTheComponentMetadataGenerates() throws Exception {
        SpringBootSources sources = new SpringBootSources(componentJson());
        List<String> drifted = new ArrayList<>();
        check(CONFIGURATION, sources.configurationClass(), drifted);
        check(CONVERTER, sources.converterClass(), drifted);
        check(METADATA, sources.metadataJson(), drifted);
        assertThat(drifted).as("these files drift from sms.json: run %s to regenerate them",
                        SpringBootSources.REGENERATE)
                .isEmpty();
    }

    @Test
    void everyComponentOptionHasAPropertyInTheIdeMetadata() throws Exception {
        // when regenerating, the class path still holds the copy from before: the next build checks the new one
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("sms.updateDoc"));
        JsonNode json = componentJson();
        JsonNode metadata;
        // the copy next to the component's classes is the one IDEs read from the jar
        String home = SmsComponent.class.getProtectionDomain().getCodeSource().getLocation().toString();
        URL ours = Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))
                .stream().filter(u -> u.toString().contains(home)).findFirst().orElseThrow();
        try (InputStream in = ours.openStream()) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));
        List<String> expected = new ArrayList<>(List.of("camel.component.sms.enabled",
                "camel.component.sms.customizer.enabled"));
        json.get("componentProperties").fieldNames().forEachRemaining(o -> expected.add(SpringBootSources.propertyName(o)));
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected)
                .contains("camel.component.sms.api-key", "camel.component.sms.http-async-client-configurer",
                        "camel.component.sms.ssl-context-parameters", "camel.component.sms.max-total-connections");
        assertThat(metadata.get("hints")).anySatisfy(h -> {
            assertThat(h.get("name").asText()).isEqualTo("camel.component.sms.encoding");
            assertThat(h.get("values").findValuesAsText("value")).containsExactly("UTF-8", "ISO-8859-1");
        });
        assertThat(metadata.get("properties")).filteredOn(p -> p.get("name").asText().endsWith(".connect-timeout"))
                .singleElement().satisfies(p -> {
                    assertThat(p.get("type").asText()).isEqualTo("java.lang.Long");
                    assertThat(p.get("defaultValue").asLong()).isEqualTo(10000);
                    assertThat(p.get("description").asText()).isNotBlank();
                });
    }

    private static void check(Path file, String expected, List<String> drifted) throws Exception {
        String actual = Files.exists(file) ? Files.readString(file) : "";
        if (!expected.equals(actual)) {
            if (Boolean.getBoolean("sms.updateDoc")) {
                Files.writeString(file, expected);
            } else {
                drifted.add(file.toString());
            }
        }
    }

    static JsonNode componentJson() throws Exception {
        try (InputStream in = SpringBootSourcesTest.class
                .getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
