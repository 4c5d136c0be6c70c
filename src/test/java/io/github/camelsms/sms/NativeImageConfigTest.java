package io.github.camelsms.sms;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraalVM configuration under META-INF/native-image/io.github.camelsms/camel-sms, which lets a native image (for
 * example Quarkus native without a camel-sms extension) keep what it would otherwise drop: the model classes for
 * Jackson ({@code marshal: json}), the classes Camel instantiates from its service files, those service files, and
 * libphonenumber's metadata. Checked here against the build output and the libphonenumber jar.
 */
class NativeImageConfigTest {

    private static final String CONFIG = "/META-INF/native-image/io.github.camelsms/camel-sms/";
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void reflectionCoversExactlyTheModelClassesAndTheClassesCamelLooksUp() throws Exception {
        TreeSet<String> named = new TreeSet<>();
        json("reflect-config.json").forEach(entry -> named.add(entry.get("name").asText()));

        TreeSet<String> expected = new TreeSet<>();
        try (Stream<Path> model = Files.list(CLASSES.resolve("io/github/camelsms/sms/model"))) {
            model.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
                    .forEach(n -> expected.add("io.github.camelsms.sms.model." + n.replace(".class", "")));
        }
        for (Path serviceFile : camelServiceFiles()) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(serviceFile)) {
                properties.load(in);
            }
            expected.add(properties.getProperty("class"));
        }
        assertThat(expected).contains("io.github.camelsms.sms.model.DeliveryReport", "io.github.camelsms.sms.SmsComponent",
                "io.github.camelsms.sms.SmsEndpointConfigurer");
        assertThat(named).isEqualTo(expected);
        for (String name : named) {
            assertThat(Class.forName(name)).isNotNull();
        }
    }

    @Test
    void resourcesCoverLibphonenumbersMetadataAndCamelsServiceFiles() throws Exception {
        List<Pattern> patterns = new ArrayList<>();
        json("resource-config.json").get("resources").get("includes")
                .forEach(p -> patterns.add(Pattern.compile(p.get("pattern").asText())));

        List<String> candidates = new ArrayList<>();
        Path libphonenumber = Path.of(PhoneNumberUtil.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> metadata;
        try (JarFile jar = new JarFile(libphonenumber.toFile())) {
            metadata = Collections.list(jar.entries()).stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("com/google/i18n/phonenumbers/data/") && !n.endsWith("/")).toList();
        }
        assertThat(metadata).hasSizeGreaterThan(500);
        candidates.addAll(metadata);
        List<String> services = new ArrayList<>();
        for (Path file : camelServiceFiles()) {
            services.add(CLASSES.relativize(file).toString().replace('\\', '/'));
        }
        services.add("META-INF/services/io.github.camelsms.sms.spi.SmsProvider");
        candidates.addAll(services);

        for (Pattern pattern : patterns) {
            assertThat(candidates).as("pattern %s matches something", pattern)
                    .anyMatch(c -> pattern.matcher(c).matches());
        }
        for (String resource : candidates) {
            assertThat(patterns).as("%s is included", resource).anyMatch(p -> p.matcher(resource).matches());
        }
        // and nothing from the rest of the jar, such as its classes or manifest
        assertThat(patterns).noneMatch(p -> p.matcher("com/google/i18n/phonenumbers/PhoneNumberUtil.class").matches()
                                            || p.matcher("META-INF/MANIFEST.MF").matches());
    }

    private static List<Path> camelServiceFiles() throws Exception {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("META-INF/services/org/apache/camel"))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("component.properties")).sorted().toList();
        }
    }

    private static JsonNode json(String name) throws Exception {
        try (InputStream in = NativeImageConfigTest.class.getResourceAsStream(CONFIG + name)) {
            assertThat(in).as(name).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
