package io.github.camelsms.sms.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Simulations register by path prefix: a new provider's simulation is served without touching the dispatcher. */
class SimulationRegistryTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A provider whose API lives under /v9 and answers every request with its own name. */
    private record Echo(String provider, String basePath, List<String> pathPrefixes) implements Simulation {
        @Override
        public SimResponse handle(SimRequest request) {
            return SimResponse.json(200, "{\"provider\":\"" + provider + "\",\"path\":\"" + request.path() + "\"}");
        }
    }

    @Test
    void aRegisteredSimulationGetsTheRequestsOfItsPrefixAndItsBaseUrlIsKnown() throws Exception {
        try (SmsSimulator sim = SmsSimulator.start()) {
            sim.register(new Echo("echo", "/v9", List.of("/v9/")));

            HttpResponse<String> answer = get(sim.baseUrl() + "/v9/sms");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"provider\":\"echo\",\"path\":\"/v9/sms\"}");
            assertThat(sim.baseUrl("echo")).isEqualTo(sim.baseUrl() + "/v9");
            assertThat(sim.requestsTo("/v9/")).hasSize(1);
        }
    }

    @Test
    void theLongestPrefixWinsSoTheRootStaysCpsmsAndEachLamlMemberKeepsItsPrefix() throws Exception {
        try (SmsSimulator sim = SmsSimulator.start()) {
            sim.register(new Echo("deeper", "/2010-04-01/Accounts/ACdeeper", List.of("/2010-04-01/Accounts/ACdeeper")));

            assertThat(get(sim.baseUrl() + "/2010-04-01/Accounts/ACdeeper/Messages.json").body()).contains("deeper");
            // CPSMS at the root and Twilio under its prefix still answer, both asking for credentials
            assertThat(get(sim.baseUrl() + "/creditvalue").body()).contains("Invalid username or API key");
            assertThat(get(sim.baseUrl() + "/2010-04-01/Accounts/AC1/Messages.json").body()).contains("20003");
            assertThat(sim.baseUrl("twilio")).isEqualTo(sim.twilioBaseUrl());
            assertThat(sim.baseUrl("mycpaas")).isEqualTo(sim.mycpaasBaseUrl());
            assertThat(sim.baseUrl("signalwire")).isEqualTo(sim.signalWireBaseUrl());
            assertThat(sim.baseUrl("cpsms")).isEqualTo(sim.baseUrl());
            sim.takeSpecViolations(); // Twilio's spec objects to the odd account sids on purpose
        }
    }

    @Test
    void aPrefixAlreadyServedIsRefused() {
        try (SmsSimulator sim = SmsSimulator.start()) {
            assertThatThrownBy(() -> sim.register(new Echo("thief", "", List.of("/2010-04-01/Accounts"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("twilio");
        }
    }

    @Test
    void aRefusedSimulationServesNoneOfItsPrefixes() throws Exception {
        try (SmsSimulator sim = SmsSimulator.start()) {
            assertThatThrownBy(() -> sim.register(new Echo("thief", "/v7", List.of("/v7/", "/2010-04-01/Accounts"))))
                    .isInstanceOf(IllegalStateException.class);

            HttpResponse<String> answer = get(sim.baseUrl() + "/v7/sms");

            // not the refused simulation's answer: CPSMS at the root asks for credentials
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("thief");
            assertThat(sim.baseUrl("thief")).isEqualTo(sim.baseUrl());
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
