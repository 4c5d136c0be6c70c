package io.github.camelsms.sms;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.tooling.model.ComponentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated component metadata works with Camel's tooling: the catalog validates URIs, and Camel configures
 * endpoints with the generated configurers rather than reflection.
 */
class SmsCatalogTest extends CamelTestSupport {

    private static final CamelCatalog CATALOG = new DefaultCamelCatalog();

    @BeforeAll
    static void loadComponentJson() throws Exception {
        try (InputStream in = SmsComponent.class.getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            assertThat(in).as("sms.json on the class path").isNotNull();
            CATALOG.addComponent("sms", SmsComponent.class.getName(), new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCorrectUriIsValid() {
        EndpointValidationResult result = CATALOG.validateEndpointProperties(
                "sms:cpsms/send?username=me&apiKey=secret&from=Shop&failOnPartialFailure=true&connectTimeout=5000");
        assertThat(result.isSuccess()).as(result.summaryErrorMessage(false)).isTrue();
    }

    @Test
    void anUnknownOptionIsReported() {
        EndpointValidationResult result = CATALOG.validateEndpointProperties("sms:cpsms/send?apiKye=secret");
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getUnknown()).containsExactly("apiKye");
    }

    @Test
    void aMisspeltOperationIsReportedWithTheProvidersOperations() {
        // providers come from the class path, so the catalog holds no list of operations that a new provider would
        // have to edit; the component names the provider's own when the endpoint is created
        EndpointValidationResult result = CATALOG.validateEndpointProperties("sms:cpsms/sendd?apiKey=x");
        assertThat(result.getInvalidEnum()).isNullOrEmpty();
        assertThatThrownBy(() -> context.getEndpoint("sms:cpsms/sendd?apiKey=x"))
                .hasRootCauseMessage("The cpsms provider has no operation 'sendd'. Supported operations: send,"
                                     + " sendGroup, cancelScheduled, credit, log, createGroup, listGroups, updateGroup,"
                                     + " deleteGroup, createContact, listContacts, updateContact, deleteContact;"
                                     + " consumer operations (in from): deliveryReports");
    }

    @Test
    void secretsAreMarkedSecret() {
        ComponentModel model = CATALOG.componentModel("sms");
        Map<String, Boolean> secret = new java.util.HashMap<>();
        model.getEndpointOptions().forEach(o -> secret.put(o.getName(), o.isSecret()));
        assertThat(secret).containsEntry("apiKey", true).containsEntry("authToken", true)
                .containsEntry("proxyAuthPassword", true).containsEntry("username", false)
                .containsEntry("accountSid", false).containsEntry("secretKey", true);
        assertThat(model.getComponentOptions()).filteredOn(o -> o.getName().equals("apiKey"))
                .singleElement().satisfies(o -> assertThat(o.isSecret()).isTrue());
        assertThat(model.getEndpointHeaders()).extracting(h -> h.getName())
                .contains(SmsConstants.TO, SmsConstants.SCHEDULED_AT, SmsConstants.MESSAGE_IDS, SmsConstants.ENCODING);
        assertThat(model.getEndpointHeaders()).allSatisfy(h -> assertThat(h.getDescription()).isNotBlank());
        assertThat(model.getEndpointOptions()).allSatisfy(o -> assertThat(o.getDescription()).isNotBlank());
    }

    @Test
    void camelUsesTheGeneratedConfigurers() throws Exception {
        PropertyConfigurer endpointConfigurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("sms-endpoint", context);
        PropertyConfigurer componentConfigurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("sms-component", context);
        assertThat(endpointConfigurer).isInstanceOf(SmsEndpointConfigurer.class);
        assertThat(componentConfigurer).isInstanceOf(SmsComponentConfigurer.class);

        SmsEndpoint endpoint = context.getEndpoint("sms:cpsms/send?username=me&apiKey=k&connectTimeout=1234",
                SmsEndpoint.class);
        assertThat(endpoint.getConfiguration().getConnectTimeout()).isEqualTo(1234);
        assertThat(context.getComponent("sms").getComponentPropertyConfigurer())
                .isInstanceOf(SmsComponentConfigurer.class);
        assertThat(endpoint.getComponent().getEndpointPropertyConfigurer()).isInstanceOf(SmsEndpointConfigurer.class);
    }
}
