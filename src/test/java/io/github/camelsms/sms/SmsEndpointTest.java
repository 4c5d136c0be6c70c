package io.github.camelsms.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsAuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsEndpointTest extends SmsTestSupport {

    @Test
    void unknownProviderFailsWhenTheRouteStartsAndListsTheProviders() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("sms:nosuch/send?username=u&apiKey=k");
            }
        })).hasStackTraceContaining("Unknown SMS provider 'nosuch'")
                .hasStackTraceContaining("cpsms, gatewayapi, infobip, mycpaas, signalwire, sinch, telnyx, twilio, vonage");
    }

    @Test
    void unknownOperationFailsWhenTheRouteStartsAndListsTheOperations() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("sms:cpsms/sendd?username=u&apiKey=k");
            }
        })).hasStackTraceContaining("The cpsms provider has no operation 'sendd'")
                .hasStackTraceContaining("send, sendGroup, cancelScheduled, credit, log");
    }

    @Test
    void missingApiKeyFailsWhenTheRouteStarts() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("sms:cpsms/send?username=u");
            }
        })).hasStackTraceContaining("apiKey option is not set");
    }

    @Test
    void componentLevelOptionsAreDefaultsThatEndpointsOverride() throws Exception {
        SmsComponent component = context.getComponent("sms", SmsComponent.class);
        component.getConfiguration().setBaseUrl(sim.baseUrl());
        component.getConfiguration().setUsername(USER);
        component.getConfiguration().setApiKey(API_KEY);
        component.getConfiguration().setFrom("Default");

        Exchange exchange = call("sms:cpsms/send?from=Override", "Hi", Map.of(SmsConstants.TO, "4522334488"));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().json().get("from").asText()).isEqualTo("Override");
        SmsEndpoint endpoint = context.getEndpoint("sms:cpsms/sendGroup", SmsEndpoint.class);
        assertThat(endpoint.getConfiguration().getFrom()).isEqualTo("Default");
        // an operation that does not honour an option never reads the component's default
        assertThat(context.getEndpoint("sms:cpsms/credit", SmsEndpoint.class).getConfiguration().getFrom()).isNull();
    }

    @Test
    void endpointsShareOnePooledClientAndKeepConnectionsAlive() {
        for (int i = 0; i < 5; i++) {
            call(cpsms("credit"), null, Map.of());
            call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));
        }
        SmsComponent component = context.getComponent("sms", SmsComponent.class);
        assertThat(component.httpClients().size()).isEqualTo(1);
        assertThat(sim.requests()).hasSize(10);
    }

    @Test
    void endpointUrisPrintedByCamelMaskTheSecrets() {
        SmsEndpoint cpsms = context.getEndpoint(cpsms("send"), SmsEndpoint.class);
        SmsEndpoint laml = context.getEndpoint("sms:mycpaas/send?accountSid=" + LAML_SID + "&authToken=T0kenThatMustNotLeak",
                SmsEndpoint.class);
        for (SmsEndpoint endpoint : List.of(cpsms, laml)) {
            assertThat(endpoint.toString()).doesNotContain(API_KEY).doesNotContain("T0kenThatMustNotLeak");
            assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain(API_KEY)
                    .doesNotContain("T0kenThatMustNotLeak");
            assertThat(endpoint.getConfiguration().toString()).doesNotContain(API_KEY)
                    .doesNotContain("T0kenThatMustNotLeak");
        }
        assertThat(cpsms.getEndpointUri()).contains(API_KEY); // the test can see the secret where it is
    }

    @Test
    void secretsNeverReachLogsOrExceptions() throws Exception {
        // credentials at component level, as the README recommends: Camel core's own TRACE lines print endpoint URIs
        // as written, so a secret written into a URI would show there
        SmsComponent component = context.getComponent("sms", SmsComponent.class);
        component.getConfiguration().setBaseUrl(sim.baseUrl());
        component.getConfiguration().setUsername(USER);
        component.getConfiguration().setApiKey(API_KEY);
        String wrongKey = "An0therWrongKey-5678";
        SmsComponent wrongComponent = new SmsComponent();
        wrongComponent.getConfiguration().setBaseUrl(sim.baseUrl());
        wrongComponent.getConfiguration().setUsername(USER);
        wrongComponent.getConfiguration().setApiKey(wrongKey);
        context.addComponent("smswrong", wrongComponent);

        List<String> texts = new ArrayList<>();
        List<ILoggingEvent> events;
        try (LogCapture logs = new LogCapture()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ok").to("sms:cpsms/send");
                    from("direct:wrong").to("smswrong:cpsms/send");
                }
            });
            Exchange ok = template().send("direct:ok", e -> {
                e.getMessage().setBody("Hi");
                e.getMessage().setHeader(SmsConstants.TO, "4522334488");
            });
            Exchange wrong = template().send("direct:wrong", e -> {
                e.getMessage().setBody("Hi");
                e.getMessage().setHeader(SmsConstants.TO, "4522334488");
            });
            assertThat(ok.getException()).isNull();
            assertThat(wrong.getException()).isInstanceOf(SmsAuthenticationException.class);
            texts.add(String.valueOf(wrong.getException()));
            for (Throwable t = wrong.getException(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                texts.add(endpoint.toString());
                if (endpoint instanceof SmsEndpoint sms) {
                    texts.add(sms.getConfiguration().toString());
                    texts.add(String.valueOf(sms.getTransport()));
                }
            }
            events = logs.events();
            texts.addAll(logs.texts(""));
        }

        assertThat(events).as("log events captured").isNotEmpty();
        assertThat(events).anyMatch(e -> e.getLoggerName().startsWith("io.github.camelsms"));
        String basicOk = java.util.Base64.getEncoder().encodeToString((USER + ":" + API_KEY).getBytes());
        String basicWrong = java.util.Base64.getEncoder().encodeToString((USER + ":" + wrongKey).getBytes());
        for (String text : texts) {
            assertThat(text).doesNotContain(API_KEY).doesNotContain(wrongKey).doesNotContain(basicOk)
                    .doesNotContain(basicWrong);
        }
        // the simulator did receive the credentials: the test is able to see them when they are there
        assertThat(sim.requests().get(0).header("Authorization")).isEqualTo("Basic " + basicOk);
    }

    @Test
    void twoHundredSendsFromSixteenThreadsAreEachAccountedFor() throws Exception {
        String uri = cpsms("send");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<String, Exchange> results = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String reference = "ref-" + i;
                String to = "45" + (20000000 + i);
                futures.add(pool.submit(() -> results.put(reference, call(uri, "Message " + reference,
                        Map.of(SmsConstants.TO, to, SmsConstants.REFERENCE, reference)))));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).hasSize(200);
        assertThat(results.values()).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
        });
        List<RecordedRequest> sends = sim.requestsTo("/send");
        assertThat(sends).hasSize(200);
        assertThat(sends).extracting(r -> r.json().get("reference").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(results.keySet());
        for (RecordedRequest r : sends) {
            String reference = r.json().get("reference").asText();
            int i = Integer.parseInt(reference.substring(4));
            assertThat(r.json().get("to").asText()).isEqualTo("45" + (20000000 + i));
            assertThat(r.json().get("message").asText()).isEqualTo("Message " + reference);
        }
        assertThat(sim.cpsms().account(USER).messages()).hasSize(200);
    }
}
