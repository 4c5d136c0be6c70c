package io.github.camelsms.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Service;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.engine.DefaultComponentResolver;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConstants;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer under camel-main started the way Camel JBang ({@code camel run}, KameletMain) starts it: no
 * camel.server.enabled, and the HTTP server created lazily by the component resolver the moment the platform-http
 * component is first resolved (as JBang's DependencyDownloaderComponentResolver does through its
 * MainHttpServerFactory.setupHttpServer). The consumer must resolve platform-http early enough for that server to start.
 */
class JBangStartupOrderTest {

    private static final String TOKEN = "JBangT0ken-77";

    private final int port = AvailablePortFinder.getNextAvailable();
    private final Main main = new Main() {
        @Override
        protected CamelContext createCamelContext() {
            CamelContext context = super.createCamelContext();
            context.getCamelContextExtension().addContextPlugin(ComponentResolver.class,
                    new LazyHttpServerComponentResolver(context, port));
            return context;
        }
    };

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void aDeliveryReportsConsumerStartsWithTheLazilyCreatedServerAndReceivesAReport() throws Exception {
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:cpsms/deliveryReports?path=/sms/cpsms/dlr&webhookVerifyToken=RAW(" + TOKEN + ")")
                        .to("mock:reports");
            }
        });

        main.start();

        CamelContext context = main.getCamelContext();
        assertThat(context.isStarted()).isTrue();
        assertThat(context.hasService(MainHttpServer.class)).as("the server JBang starts lazily").isNotNull();
        MockEndpoint mock = context.getEndpoint("mock:reports", MockEndpoint.class);
        mock.expectedMessageCount(1);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/sms/cpsms/dlr?reference=r1&status=1&receiver=4522334488"
                + "&webhookVerifyToken=" + TOKEN)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
        DeliveryReport report = mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getReference()).isEqualTo("r1");
    }

    /**
     * Resolves components as Camel does and, when platform-http is resolved and no HTTP server runs yet, adds one and
     * starts it at once: what JBang's resolver does (it takes the port from camel.server.port, here the test's port).
     */
    private static final class LazyHttpServerComponentResolver extends DefaultComponentResolver {

        private final CamelContext camelContext;
        private final int port;

        LazyHttpServerComponentResolver(CamelContext camelContext, int port) {
            this.camelContext = camelContext;
            this.port = port;
        }

        @Override
        public Component resolveComponent(String name, CamelContext context) {
            Component component = super.resolveComponent(name, context);
            if (component instanceof PlatformHttpComponent && camelContext.hasService(MainHttpServer.class) == null) {
                HttpServerConfigurationProperties config = new HttpServerConfigurationProperties(null);
                config.setHost("127.0.0.1");
                config.setPort(port);
                try {
                    MainHttpServerFactory factory = camelContext.getCamelContextExtension()
                            .getBootstrapFactoryFinder()
                            .newInstance(MainConstants.PLATFORM_HTTP_SERVER, MainHttpServerFactory.class)
                            .orElseThrow();
                    Service server = factory.newHttpServer(camelContext, config);
                    camelContext.addService(server, true, true);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
            return component;
        }
    }
}
