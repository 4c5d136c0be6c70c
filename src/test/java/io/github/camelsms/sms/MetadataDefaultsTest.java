package io.github.camelsms.sms;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tools show is what a user gets: the default of validateSignature in the component's metadata (sms.json for
 * catalogs and IDEs, Spring Boot's IDE metadata) against what an endpoint of each provider does with the option unset.
 * A default the metadata shows must hold for every provider; without one, the description must say each provider's.
 */
class MetadataDefaultsTest extends CamelTestSupport {

    @Test
    void validateSignatureShowsWhatAnEndpointOfEveryProviderDoes() throws Exception {
        TreeSet<String> validating = new TreeSet<>();
        TreeSet<String> notValidating = new TreeSet<>();
        for (String provider : SmsProviders.names()) {
            SmsEndpoint endpoint = context.getEndpoint("sms:" + provider + "/deliveryReports?path=/dlr", SmsEndpoint.class);
            (endpoint.validatesSignatures() ? validating : notValidating).add(provider);
        }
        assertThat(validating).as("providers that validate by default").isNotEmpty();
        assertThat(notValidating).as("providers that do not validate by default").isNotEmpty();

        JsonNode json = componentJson();
        List<JsonNode> shown = List.of(json.at("/properties/validateSignature"),
                json.at("/componentProperties/validateSignature"), springProperty("camel.component.sms.validate-signature"));
        for (JsonNode option : shown) {
            assertThat(option.isMissingNode()).as("validateSignature in the metadata").isFalse();
            // no single default is true of every provider: the metadata must not claim one
            assertThat(option.has("defaultValue")).as("a default in %s", option).isFalse();
            assertThat(option.get("description").asText()).contains("Validates signatures by default");
        }
        // the doc's generated provider table says each provider's
        for (String provider : validating) {
            assertThat(ProviderDeclarationsTest.providersTable()).containsPattern("\\| `" + provider + "` \\|.*\\| yes\n");
        }
        for (String provider : notValidating) {
            assertThat(ProviderDeclarationsTest.providersTable()).containsPattern("\\| `" + provider + "` \\|.*\\| no\n");
        }
    }

    private static JsonNode componentJson() throws Exception {
        try (InputStream in = SmsComponent.class.getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static JsonNode springProperty(String name) throws Exception {
        String home = SmsComponent.class.getProtectionDomain().getCodeSource().getLocation().toString();
        URL ours = Collections.list(MetadataDefaultsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json")).stream()
                .filter(u -> u.toString().contains(home)).findFirst().orElseThrow();
        try (InputStream in = ours.openStream()) {
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                if (property.get("name").asText().equals(name)) {
                    return property;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
