package io.github.camelsms.sms.springboot;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.simulator.LamlSignature;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import io.github.camelsms.sms.springboot.app.SmsSpringBootApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spring Boot application (SpringApplication, Tomcat, actuator, camel-spring-boot-starter,
 * camel-platform-http-starter) with the sms component configured only in application.properties and its routes in
 * classpath:camel/sms-routes.yaml (src/it/resources). It sends through cpsms and mycpaas to the simulator, receives the
 * simulator's delivery reports on Spring's platform-http engine (a CPSMS GET with a query and the webhookVerifyToken, a
 * signed LaML callback to a URL with a query), and shows the producer health check on /actuator/health.
 */
class SmsSpringBootIT {

    private static final String CPSMS_USER = "spring-shop";
    private static final String CPSMS_KEY = "spring-cpsms-key";
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "spring-laml-token";
    private static final String VERIFY_TOKEN = "Spr1ngT0ken-42";

    private static SmsSimulator sim;
    private static ConfigurableApplicationContext app;
    private static CamelContext camel;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void boot() throws Exception {
        sim = SmsSimulator.start();
        sim.cpsms().addAccount(CPSMS_USER, CPSMS_KEY, new BigDecimal("100"));
        sim.laml().addAccount(ACCOUNT_SID, AUTH_TOKEN);
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        app = new SpringApplicationBuilder(SmsSpringBootApplication.class)
                .properties("server.port=" + port, "sms.simulator.url=" + sim.baseUrl())
                .run();
        camel = app.getBean(CamelContext.class);
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theComponentIsConfiguredFromApplicationProperties() {
        SmsComponent sms = camel.getComponent("sms", SmsComponent.class);
        assertThat(sms.getConfiguration().getUsername()).isEqualTo(CPSMS_USER);
        assertThat(sms.getConfiguration().getBaseUrl()).isEqualTo(sim.baseUrl());
        assertThat(sms.getConfiguration().getConnectTimeout()).isEqualTo(5000);
        assertThat(sms.getConfiguration().getAccountSid()).as("camelCase key").isEqualTo(ACCOUNT_SID);
        assertThat(sms.getConfiguration().getAuthToken()).as("a Camel placeholder").isEqualTo(AUTH_TOKEN);
        assertThat(sms.getMaxTotalConnections()).isEqualTo(20);
        assertThat(sms.getConfiguration().getHttpAsyncClientConfigurer()).isSameAs(app.getBean("myConfigurer"));
    }

    @Test
    void aCpsmsSendGetsItsDeliveryReportByGetWithTheQueryAndTheToken() throws Exception {
        MockEndpoint reports = camel.getEndpoint("mock:cpsmsReports", MockEndpoint.class);
        int before = reports.getReceivedCounter();
        ProducerTemplate template = camel.createProducerTemplate();

        Exchange sent = template.request("direct:cpsms", e -> {
            e.getMessage().setHeader(SmsConstants.TO, "+4522334488");
            e.getMessage().setBody("Your order has shipped");
        });

        assertThat(sent.getException()).isNull();
        RecordedRequest send = sim.requestsTo("/send").get(sim.requestsTo("/send").size() - 1);
        assertThat(send.basicUser()).isEqualTo(CPSMS_USER);
        assertThat(send.header("X-Configured-By")).as("the http-async-client-configurer bean").isEqualTo("myConfigurer");
        assertThat(send.json().get("dlr_url").asText()).startsWith("http://127.0.0.1:" + port + "/sms/cpsms/dlr?")
                .contains("tenant=shop", "webhookVerifyToken=");
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.getReceivedCounter() > before);

        // CPSMS calls dlr_url by POST with the data in the query string (provider-apis.md 1.4)
        RecordedRequest callback = sim.callbacks().stream().filter(c -> c.path().equals("/sms/cpsms/dlr"))
                .findFirst().orElseThrow();
        assertThat(callback.query()).contains("status=1", "receiver=4522334488", "tenant=shop",
                "webhookVerifyToken=" + VERIFY_TOKEN);
        Exchange received = reports.getReceivedExchanges().get(before);
        DeliveryReport report = received.getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getRecipient()).contains("4522334488");
        assertThat(report.getReference()).isEqualTo("order-7");
        assertThat(report.getParameters()).containsEntry("tenant", "shop").doesNotContainKey("webhookVerifyToken");
        assertThat(received.getMessage().getHeaders().values()).noneMatch(v -> String.valueOf(v).contains(VERIFY_TOKEN));

        // and by GET, as other CPSMS set-ups do: the query string is read from Spring's CamelHttpQuery
        HttpResponse<String> byGet = get("/sms/cpsms/dlr?tenant=shop&reference=order%208&status=2"
                                         + "&receiver=4522334477&webhookVerifyToken=" + VERIFY_TOKEN);
        assertThat(byGet.statusCode()).as(byGet.body()).isEqualTo(200);
        assertThat(reports.getReceivedCounter()).isEqualTo(before + 2);
        DeliveryReport gotByGet = reports.getReceivedExchanges().get(before + 1).getMessage()
                .getBody(DeliveryReport.class);
        assertThat(gotByGet.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(gotByGet.getReference()).isEqualTo("order 8");
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.callbackStatuses().isEmpty());
        assertThat(sim.callbackStatuses()).doesNotContain(400, 403, 500);

        HttpResponse<String> forged = get("/sms/cpsms/dlr?tenant=shop&status=1&receiver=4522334488"
                                          + "&reference=order-7&webhookVerifyToken=guess");
        HttpResponse<String> withoutToken = get("/sms/cpsms/dlr?status=1&receiver=4522334488&reference=order-8");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(reports.getReceivedCounter()).isEqualTo(before + 2);
    }

    @Test
    void aMycpaasSendGetsItsSignedStatusCallbacksOnAUrlWithAQuery() throws Exception {
        MockEndpoint reports = camel.getEndpoint("mock:mycpaasReports", MockEndpoint.class);
        ProducerTemplate template = camel.createProducerTemplate();

        Exchange sent = template.request("direct:mycpaas", e -> {
            e.getMessage().setHeader(SmsConstants.TO, "+4522334499");
            e.getMessage().setBody("Your table is ready");
        });

        assertThat(sent.getException()).isNull();
        String sid = sent.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);
        assertThat(sid).startsWith("SM");
        RecordedRequest send = sim.requestsTo("/Accounts/" + ACCOUNT_SID + "/Messages.json").get(0);
        assertThat(send.header("X-Configured-By")).isEqualTo("myConfigurer");
        assertThat(send.formValue("StatusCallback"))
                .startsWith("http://127.0.0.1:" + port + "/sms/mycpaas/status?tenant=a%2Fb");
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(DeliveryReport.class))
                .anyMatch(r -> sid.equals(r.getMessageId()) && r.getStatus() == DeliveryStatus.DELIVERED));
        assertThat(sim.callbacks()).filteredOn(c -> c.path().equals("/sms/mycpaas/status")).isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.query()).startsWith("tenant=a%2Fb");
                    assertThat(c.header("X-Twilio-Signature")).isNotBlank();
                });
        int received = reports.getReceivedCounter();

        String url = "http://127.0.0.1:" + port + "/sms/mycpaas/status?tenant=a%2Fb";
        Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", "failed", "AccountSid", ACCOUNT_SID);
        String body = "MessageSid=" + sid + "&MessageStatus=failed&AccountSid=" + ACCOUNT_SID;
        HttpResponse<String> forged = post(url, body, LamlSignature.sign("not-the-token", url, form));
        HttpResponse<String> signedWithoutQuery = post(url, body,
                LamlSignature.sign(AUTH_TOKEN, "http://127.0.0.1:" + port + "/sms/mycpaas/status", form));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(signedWithoutQuery.statusCode()).as("the signature covers the query").isEqualTo(403);
        assertThat(reports.getReceivedCounter()).isEqualTo(received);
    }

    @Test
    void theActuatorHealthEndpointShowsTheProducerCheckUp() throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode camelHealth = new ObjectMapper().readTree(health.body()).path("components").path("camelHealth");
            assertThat(camelHealth.path("status").asText()).as(health.body()).isEqualTo("UP");
            List<String> producerChecks = new java.util.ArrayList<>();
            camelHealth.path("details").properties().forEach(d -> {
                if (d.getKey().startsWith("producer:sms-") && !d.getKey().endsWith(".data")) {
                    producerChecks.add(d.getKey() + "=" + d.getValue().asText());
                }
            });
            assertThat(producerChecks).as(health.body()).isNotEmpty().allMatch(c -> c.endsWith("=UP"))
                    .anyMatch(c -> c.startsWith("producer:sms-cpsms"))
                    .anyMatch(c -> c.startsWith("producer:sms-mycpaas"));
            assertThat(health.body()).doesNotContain(CPSMS_KEY, AUTH_TOKEN, VERIFY_TOKEN);
        });
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
