package com.example.shop;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.simulator.SmsSimulatorExtension;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DeliveryReportTest {

    @RegisterExtension
    static SmsSimulatorExtension sms = new SmsSimulatorExtension();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) throws IOException {
        sms.simulator().cpsms().addAccount("shop", "shop-key", new BigDecimal("100"));
        registry.add("camel.component.sms.base-url", sms.simulator()::baseUrl);
        registry.add("camel.component.sms.api-key", () -> "shop-key");
        registry.add("camel.component.sms.webhook-verify-token", () -> "t0ken-for-the-test");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("shop.public-url", () -> "http://127.0.0.1:${server.port}");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            registry.add("server.port", () -> port);
        }
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    DeliveryReports reports;

    @Test
    void sendsAndReceivesItsDeliveryReport() throws Exception {
        template.sendBodyAndHeader("direct:notify", "Your order has shipped", "CamelSmsTo", "+4522334488");

        DeliveryReport report = reports.received().poll(30, TimeUnit.SECONDS);
        assertThat(report).as("the delivery report reached the route").isNotNull();
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getReference()).isEqualTo("order-7");
        assertThat(sms.simulator().callbackStatuses()).containsExactly(200);
        assertThat(sms.simulator().requestsTo("/send").get(0).json().path("to").asText()).contains("4522334488");
    }

    @Test
    void bringsNoLoggingConfigurationAndOneJackson() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResources("logback-test.xml").hasMoreElements()).isFalse();
        assertThat(loader.getResources("logback.xml").hasMoreElements()).isFalse();
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString())
                .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    }
}
