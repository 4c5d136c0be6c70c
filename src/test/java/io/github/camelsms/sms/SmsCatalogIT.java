package io.github.camelsms.sms;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.maven.ComponentArtifactHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools find the component in the packaged jar alone, as camel-catalog's third-party loading does (IDE plugins,
 * catalogs): component.properties lists the schemes and the Maven coordinates, the scheme's service file names the
 * class, and the JSON next to it is added to a CamelCatalog that then validates sms: URIs.
 */
class SmsCatalogIT {

    private final Path jar = Path.of(System.getProperty("sms.jar", "target/camel-sms.jar"));
    private URLClassLoader onlyTheJar;

    @BeforeEach
    void open() throws Exception {
        assertThat(jar).as("the packaged jar (run by failsafe after package)").exists();
        onlyTheJar = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
    }

    @AfterEach
    void close() throws Exception {
        onlyTheJar.close();
    }

    @Test
    void componentPropertiesCarriesTheSchemesAndTheMavenCoordinates() throws Exception {
        Properties properties = ComponentArtifactHelper.loadComponentProperties(onlyTheJar,
                LoggerFactory.getLogger(getClass()));
        assertThat(properties.getProperty("components")).isEqualTo("sms");
        assertThat(properties.getProperty("groupId")).isEqualTo("io.github.camelsms");
        assertThat(properties.getProperty("artifactId")).isEqualTo("camel-sms");
        assertThat(properties.getProperty("version")).isNotBlank().doesNotContain("${");
        assertThat(jar.getFileName().toString()).contains(properties.getProperty("version"));
        assertThat(properties.getProperty("projectName")).isEqualTo("Camel :: SMS");
        assertThat(properties.getProperty("projectDescription")).contains("SMS");

        // the list names exactly the schemes the jar registers
        TreeSet<String> schemes = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Collections.list(file.entries()).stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("META-INF/services/org/apache/camel/component/") && !n.endsWith("/"))
                    .forEach(n -> schemes.add(n.substring(n.lastIndexOf('/') + 1)));
        }
        assertThat(String.join(" ", schemes)).isEqualTo(properties.getProperty("components"));
    }

    @Test
    void theCatalogAddsTheComponentFromTheJarAndValidatesUris() throws Exception {
        CamelCatalog catalog = new DefaultCamelCatalog();
        assertThat(catalog.findComponentNames()).doesNotContain("sms");
        String scheme = ComponentArtifactHelper.loadComponentProperties(onlyTheJar, LoggerFactory.getLogger(getClass()))
                .getProperty("components");
        String javaType = ComponentArtifactHelper.extractComponentJavaType(onlyTheJar, scheme,
                LoggerFactory.getLogger(getClass()));
        String json = ComponentArtifactHelper.loadComponentJSonSchema(onlyTheJar, scheme,
                LoggerFactory.getLogger(getClass()));
        assertThat(javaType).isEqualTo(SmsComponent.class.getName());
        assertThat(json).as("the component JSON where the helper looks for it").isNotNull();
        assertThat(json).isEqualTo(Files.readString(Path.of(
                "src/generated/resources/META-INF/io/github/camelsms/sms/sms.json")));

        catalog.addComponent(scheme, javaType, json);

        assertThat(catalog.findComponentNames()).contains("sms");
        assertThat(catalog.componentModel("sms").getArtifactId()).isEqualTo("camel-sms");
        EndpointValidationResult good = catalog.validateEndpointProperties(
                "sms:mycpaas/send?accountSid=AC1&authToken=t&from=%2B4570200000&maxConcurrentRequests=8");
        assertThat(good.isSuccess()).as(good.summaryErrorMessage(false)).isTrue();
        EndpointValidationResult bad = catalog.validateEndpointProperties(
                "sms:cpsms/send?apiKye=x&connectTimeout=soon");
        assertThat(bad.isSuccess()).isFalse();
        assertThat(bad.getUnknown()).containsExactly("apiKye");
        assertThat(bad.getInvalidInteger()).containsKey("connectTimeout");
    }
}
