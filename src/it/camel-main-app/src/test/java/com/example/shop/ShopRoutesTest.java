package com.example.shop;

import java.math.BigDecimal;
import java.util.Collections;

import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import io.github.camelsms.sms.simulator.SmsSimulatorExtension;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopRoutesTest {

    @RegisterExtension
    static SmsSimulatorExtension sms = new SmsSimulatorExtension();

    private Main main;

    @BeforeEach
    void startTheApplication() throws Exception {
        SmsSimulator simulator = sms.simulator();
        simulator.cpsms().addAccount("shop", "shop-key", new BigDecimal("100"));
        main = new Main();
        main.configure().addRoutesBuilder(new ShopRoutes());
        main.addOverrideProperty("camel.component.sms.base-url", simulator.baseUrl());
        main.addOverrideProperty("camel.component.sms.username", "shop");
        main.addOverrideProperty("camel.component.sms.api-key", "shop-key");
        main.start();
    }

    @AfterEach
    void stopTheApplication() {
        main.stop();
    }

    @Test
    void sendsThroughTheSimulator() {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        template.sendBody("direct:notify", "Your order has shipped");
        RecordedRequest request = sms.simulator().requestsTo("/send").get(0);
        assertEquals("Your order has shipped", request.json().path("message").asText());

        assertEquals("shop", request.basicUser());
        assertEquals(1, sms.simulator().cpsms().account("shop").messages().size());
    }

    @Test
    void aRefusedSendIsAnSmsException() {
        sms.simulator().inject(Fault.status(401, "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}"));
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:notify", "Hello"));
        assertInstanceOf(io.github.camelsms.sms.exception.SmsAuthenticationException.class, e.getCause());
    }

    @Test
    void theMainAndSimulatorJarsCarryTheLicenceAndNotice() throws Exception {
        for (Class<?> fromJar : new Class<?>[] { io.github.camelsms.sms.SmsComponent.class, SmsSimulator.class }) {
            java.net.URL jar = fromJar.getProtectionDomain().getCodeSource().getLocation();
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(new java.io.File(jar.toURI()))) {
                assertTrue(file.getEntry("META-INF/LICENSE") != null, "META-INF/LICENSE in " + jar);
                assertTrue(file.getEntry("META-INF/NOTICE") != null, "META-INF/NOTICE in " + jar);
            }
        }
    }

    @Test
    void bringsNoLoggingConfigurationAndNoSecondJacksonOrSlf4j() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        for (String config : new String[] { "logback-test.xml", "logback.xml", "log4j2-test.xml", "log4j2.xml" }) {
            assertEquals(Collections.emptyList(), Collections.list(loader.getResources(config)), config);
        }
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
        assertEquals("2.19.4", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(), "Camel 4.18's");
        assertTrue(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext,
                "SLF4J 2 finds logback");
    }
}
