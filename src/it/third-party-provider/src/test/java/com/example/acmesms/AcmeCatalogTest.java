package com.example.acmesms;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsTestSupport;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.spi.SmsProviderOption;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.util.SensitiveUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As far as Camel's tooling goes: Acme's options are the component's {@code provider.} options, which the catalog
 * knows as a prefixed map (it cannot know the names inside it: the endpoint refuses a wrong one when it starts), and
 * its secret is one Camel masks in its own logs.
 */
class AcmeCatalogTest extends SmsTestSupport {

    private static final CamelCatalog CATALOG = new DefaultCamelCatalog();
    private static final String SECRET = "acme-Catalog-s3cret-7q";

    private final AcmeSimulation acme = new AcmeSimulation(sim);

    AcmeCatalogTest() {
        sim.register(acme);
        acme.addAccount("key-1", SECRET, new BigDecimal("10"));
    }

    @BeforeAll
    static void loadComponentJson() throws Exception {
        try (InputStream in = SmsComponent.class.getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            CATALOG.addComponent("sms", SmsComponent.class.getName(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theCatalogValidatesAcmeOptionsAsProviderOptions() {
        EndpointValidationResult valid = CATALOG.validateEndpointProperties(
                "sms:acme/send?provider.keyId=key-1&provider.secretKey=" + SECRET + "&provider.batchSize=10");
        assertThat(valid.isSuccess()).as(valid.summaryErrorMessage(false)).isTrue();

        EndpointValidationResult unprefixed = CATALOG.validateEndpointProperties("sms:acme/send?keyId=key-1");
        assertThat(unprefixed.isSuccess()).isFalse();
        assertThat(unprefixed.getUnknown()).containsExactly("keyId");
    }

    @Test
    void aMisspeltAcmeOptionIsRefusedWhenTheEndpointStarts() {
        SmsValidationException e = failure(SmsValidationException.class,
                uri("send") + "&provider.secretkey=RAW(x)", "Hello", java.util.Map.of("CamelSmsTo", "+4520000001"));

        assertThat(e.getMessage()).contains("provider.secretkey").contains("not an option of acme");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void everySecretOptionIsOneCamelMasks() {
        List<SmsProviderOption> secrets = new AcmeSmsProvider().providerOptions().stream()
                .filter(SmsProviderOption::secret).toList();
        assertThat(secrets).extracting(SmsProviderOption::name).containsExactly("secretKey");
        assertThat(secrets).allSatisfy(o -> assertThat(SensitiveUtils.containsSensitive(o.name())).isTrue());
    }

    /**
     * Camel masks the secretKey in the endpoint URIs it logs at DEBUG and above (and in an endpoint's toString). At
     * TRACE its context prints every URI as given, for every component: hence the README's advice to put credentials
     * on the component.
     */
    @Test
    void camelMasksTheSecretKeyInItsOwnLogs() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger camel = logging.getLogger("org.apache.camel");
        Level previous = camel.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logging);
        appender.start();
        camel.addAppender(appender);
        camel.setLevel(Level.DEBUG);
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:acme").routeId("acme").to(uri("send"));
                }
            });
            template().sendBodyAndHeader("direct:acme", "Hello", "CamelSmsTo", "+4520000001");
        } finally {
            camel.detachAppender(appender);
            camel.setLevel(previous);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(acme.account("key-1").sentTo()).containsExactly("+4520000001");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("acme/send")
                .contains("provider.secretKey=xxxxxx"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
        assertThat(context.getRoute("acme").getEndpoint().toString()).doesNotContain(SECRET);
        assertThat(context.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("sms:"))
                .singleElement().satisfies(e -> assertThat(e.toString()).contains("provider.secretKey=xxxxxx")
                        .doesNotContain(SECRET));
    }

    private String uri(String operation) {
        return "sms:acme/" + operation + "?baseUrl=" + sim.baseUrl("acme") + "&provider.keyId=key-1"
               + "&provider.secretKey=RAW(" + SECRET + ")";
    }
}
