package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.Test;

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
