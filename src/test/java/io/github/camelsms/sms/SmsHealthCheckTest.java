package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsHealthCheckTest extends SmsTestSupport {

    private HealthCheck.Result check(String endpointUri) throws Exception {
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        producers.setEnabled(true); // what camel.health.producersEnabled=true does
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:health").to(endpointUri);
            }
        });
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context);
        return results.stream().filter(r -> r.getCheck().getId().startsWith("producer:sms-")).findFirst()
                .orElseThrow(() -> new AssertionError("no sms health check in " + results));
    }

    @Test
    void upWithTheRightKeyAndNoSmsSent() throws Exception {
        HealthCheck.Result result = check(cpsms("send"));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("provider", "cpsms").containsKey("credit");
        assertThat(sim.requests()).extracting(r -> r.path()).containsOnly("/creditvalue");
        assertThat(sim.cpsms().account(USER).messages()).isEmpty();
    }

    @Test
    void downWithAClearMessageForAWrongKey() throws Exception {
        String wrongKey = "HealthWrongKey-31337";
        HealthCheck.Result result = check("sms:cpsms/send?baseUrl=" + sim.baseUrl() + "&username=" + USER
                                          + "&apiKey=" + wrongKey);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("Credentials rejected")
                .contains("API key").doesNotContain(wrongKey));
        assertThat(result.getDetails()).containsEntry("service.status.code", 401);
        assertThat(String.valueOf(result.getDetails())).doesNotContain(wrongKey);
    }

    @Test
    void downWhenTheCreditIsUsedUp() throws Exception {
        sim.cpsms().account(USER).credit(BigDecimal.ZERO);
        HealthCheck.Result result = check(cpsms("send"));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("No credit"));
    }

    @Test
    void downAsAnUnreadableAnswerWhenTheCreditIsAbsurd() throws Exception {
        sim.inject(io.github.camelsms.sms.simulator.Fault.status(200, "{\"credit\":\"1e2000000000\"}"), 10);
        HealthCheck.Result result = check(cpsms("send"));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getError()).isEmpty();
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("'credit'")
                .contains("1E+2000000000"));
        assertThat(result.getDetails()).containsEntry("service.status.code", 200);
    }

    @Test
    void downAsAnUnreadableAnswerWhenTheBalanceIsAbsurd() throws Exception {
        sim.inject(io.github.camelsms.sms.simulator.Fault.status(200, "{\"balance\":1e2000000000}"), 10);
        HealthCheck.Result result = check(laml("twilio", "send"));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getError()).isEmpty();
        assertThat(result.getDetails()).containsEntry("service.status.code", 200);
    }

    @Test
    void downWhenUnreachable() throws Exception {
        HealthCheck.Result result = check("sms:cpsms/send?baseUrl=http://127.0.0.1:9&username=" + USER + "&apiKey="
                                          + API_KEY);
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("Unreachable"));
    }

    /** The endpoint of the provider with its base URL on the server and the given options. */
    private String against(LoopbackHttpServer server, String provider, String... options) {
        String uri = provider.equals("cpsms") ? cpsms("send", options) : laml(provider, "send", options);
        String simulated = provider.equals("cpsms") ? sim.baseUrl() : sim.baseUrl(provider);
        return uri.replace("baseUrl=" + simulated, "baseUrl=" + server.baseUrl());
    }

    /** The provider's secret, and the text its Basic authentication header would carry. */
    private static java.util.List<String> secretsOf(String provider) {
        String secret = switch (provider) {
            case "cpsms" -> API_KEY;
            case "signalwire" -> SIGNALWIRE_TOKEN;
            default -> LAML_TOKEN;
        };
        String user = switch (provider) {
            case "cpsms" -> USER;
            case "signalwire" -> SIGNALWIRE_PROJECT;
            default -> LAML_SID;
        };
        return java.util.List.of(secret, java.util.Base64.getEncoder().encodeToString((user + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpsms", "twilio", "mycpaas", "signalwire" })
    void aProviderAnswering5xxIsDownWithTheReasonInTheDetailsAfterOneRequest(String provider) throws Exception {
        java.util.List<String> secrets = secretsOf(provider);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            // a hostile answer: it echoes the credentials the request carried
            server.answering(r -> Answer.json(503, "{\"error\":{\"code\":503,\"message\":\"down for maintenance, "
                                                     + String.join(" ", secrets) + "\"},\"message\":\"down "
                                                     + String.join(" ", secrets) + "\",\"status\":503}"));
            HealthCheck.Result result = check(against(server, provider, "retryDelay=10"));

            assertThat(server.requests()).as("requests of one check").hasSize(1);
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getDetails()).containsEntry("service.status.code", 503)
                    .hasEntrySatisfying("reason", r -> assertThat(String.valueOf(r)).contains("503"));
            assertNoSecret(result, secrets);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpsms", "twilio", "mycpaas", "signalwire" })
    void aProviderDroppingTheConnectionIsUnreachableInTheDetailsAfterOneRequest(String provider) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.answering(r -> Answer.dropped());
            HealthCheck.Result result = check(against(server, provider, "retryDelay=10"));

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getDetails()).hasEntrySatisfying("reason",
                    r -> assertThat(String.valueOf(r)).startsWith("Unreachable"));
            assertThat(server.requests()).hasSize(1);
            assertNoSecret(result, secretsOf(provider));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpsms", "twilio" })
    void aSlowProviderIsDownWithTheTimeoutInTheDetailsAfterOneRequest(String provider) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.answering(r -> Answer.json(200, "{}").after(10_000));
            HealthCheck.Result result = check(against(server, provider, "retryDelay=10", "responseTimeout=300"));

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getDetails()).hasEntrySatisfying("reason",
                    r -> assertThat(String.valueOf(r)).startsWith("Unreachable").containsIgnoringCase("timeout"));
            assertThat(server.requests()).hasSize(1);
            assertNoSecret(result, secretsOf(provider));
        }
    }

    @Test
    void unreachableShowsTheReasonInTheDetails() throws Exception {
        HealthCheck.Result result = check("sms:cpsms/send?baseUrl=http://127.0.0.1:9&retryDelay=10&username=" + USER
                                          + "&apiKey=" + API_KEY);
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).hasEntrySatisfying("reason",
                r -> assertThat(String.valueOf(r)).startsWith("Unreachable").contains("127.0.0.1:9"));
        assertNoSecret(result, secretsOf("cpsms"));
    }

    private static void assertNoSecret(HealthCheck.Result result, java.util.List<String> secrets) {
        String shown = result.getDetails() + " " + result.getMessage().orElse("") + " "
                       + result.getError().map(String::valueOf).orElse("");
        for (String secret : secrets) {
            assertThat(shown).doesNotContain(secret);
        }
    }

    @Test
    void mycpaasHealthCheckReadsOnePageOfMessages() throws Exception {
        String sid = "AC55555555555555555555555555555555";
        sim.laml().addAccount(sid, "laml-health-token");
        HealthCheck.Result up = check("sms:mycpaas/send?baseUrl=" + sim.mycpaasBaseUrl()
                                      + "&accountSid=" + sid + "&authToken=laml-health-token");
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/laml/2010-04-01/Accounts/" + sid + "/Messages.json");
        assertThat(sim.lastRequest().queryParams()).containsEntry("PageSize", java.util.List.of("1"));
    }

    @Test
    void twilioHealthCheckReadsTheBalance() throws Exception {
        String sid = "AC55555555555555555555555555555555";
        sim.laml().addAccount(sid, "laml-health-token").balance(new java.math.BigDecimal("12.34"));
        HealthCheck.Result up = check("sms:twilio/send?baseUrl=" + sim.twilioBaseUrl()
                                      + "&accountSid=" + sid + "&authToken=laml-health-token");
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry("balance", new java.math.BigDecimal("12.34"))
                .containsEntry("currency", "USD").containsEntry("accountSid", sid);
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/2010-04-01/Accounts/" + sid + "/Balance.json");
    }

    @Test
    void endpointTellsItsServiceLocationWithoutCredentials() {
        SmsEndpoint endpoint = context.getEndpoint(cpsms("send"), SmsEndpoint.class);
        assertThat(endpoint.getServiceUrl()).isEqualTo(sim.baseUrl());
        assertThat(endpoint.getServiceProtocol()).isEqualTo("http");
        assertThat(endpoint.getServiceMetadata()).isEqualTo(Map.of("provider", "cpsms", "operation", "send"));
        assertThat(context.getEndpoint("sms:cpsms/send?username=u&apiKey=k", SmsEndpoint.class).getServiceUrl())
                .isEqualTo("https://api.cpsms.dk/v2");
    }
}
