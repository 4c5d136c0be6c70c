package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GatewayAPI simulation answers as the documents say (shared/reference/more-providers.md section 5), seen over
 * HTTP without the component; the sample token of GatewayAPI's docs is the simulation's own signature's test vector.
 */
class GatewayapiSimulationTest {

    private static final String TOKEN = "Go-Create-an-API-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmsSimulator sim = SmsSimulator.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aMessageToTwoRecipientsGetsOneIdAndItsUsage() throws Exception {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("10"));

        HttpResponse<String> answer = post("{\"message\":\"Hello World\",\"recipients\":[{\"msisdn\":4512345678},"
                                           + "{\"msisdn\":\"4587654321\"}],\"userref\":\"r1\"}", "Token " + TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(answer.body());
        assertThat(json.get("ids")).hasSize(1);
        assertThat(json.at("/usage/countries/DK").asInt()).isEqualTo(2);
        assertThat(json.at("/usage/currency").asText()).isEqualTo("DKK");
        assertThat(json.at("/usage/total_cost").decimalValue()).isEqualByComparingTo("0.24");
        assertThat(sim.gatewayapi().account(TOKEN).messages()).extracting(GatewayapiSimulation.SentMessage::msisdn)
                .containsExactly("4512345678", "4587654321");
        assertThat(sim.gatewayapi().account(TOKEN).credit()).isEqualByComparingTo("9.76");
    }

    @Test
    void documentedErrorsComeWithTheirCodes() throws Exception {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("0.10")).blacklist("4511111111");
        String one = "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}]}";

        assertThat(code(post(one, "Token nope"))).isEqualTo("401 0x0229");
        assertThat(code(post(one, "Token " + TOKEN))).isEqualTo("403 0x0216");
        assertThat(code(post("{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4511111111}]}", "Token " + TOKEN)))
                .isEqualTo("403 0x0215");
        assertThat(code(post("{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678},{\"msisdn\":4512345678}]}",
                "Token " + TOKEN))).isEqualTo("422 0x0310");
        assertThat(code(post("{\"recipients\":[{\"msisdn\":4512345678}]}", "Token " + TOKEN))).isEqualTo("400 0x0222");
        assertThat(code(post("{\"message\":\"Hi\",\"sendtime\":1,\"recipients\":[{\"msisdn\":4512345678}]}",
                "Token " + TOKEN))).isEqualTo("400 0x0308");
        assertThat(post("not json", "Token " + TOKEN).statusCode()).isEqualTo(422);
        assertThat(sim.gatewayapi().account(TOKEN).messages()).isEmpty();
        // the requests the oracle objects to were sent on purpose
        assertThat(sim.takeSpecViolations()).isNotEmpty();
    }

    @Test
    void aScheduledMessageCanBeCancelledOnceAndIsNotFoundUntilSent() throws Exception {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("10"));
        long later = Instant.now().plusSeconds(3600).getEpochSecond();
        JsonNode sent = JSON.readTree(post("{\"message\":\"Hi\",\"sendtime\":" + later + ",\"recipients\":"
                                           + "[{\"msisdn\":4512345678}]}", "Token " + TOKEN).body());
        long id = sent.get("ids").get(0).asLong();

        assertThat(call("GET", "/rest/mtsms/" + id).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/rest/mtsms/" + id).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/rest/mtsms/" + id).statusCode()).isEqualTo(404);
        assertThat(sim.gatewayapi().account(TOKEN).credit()).isEqualByComparingTo("10");
        assertThat(JSON.readTree(call("GET", "/rest/me").body()).get("credit").decimalValue())
                .isEqualByComparingTo("10");
    }

    @Test
    void aSentMessageCannotBeCancelledAndReadsWithItsRecipients() throws Exception {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("10"));
        long id = JSON.readTree(post("{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}]}", "Token " + TOKEN)
                .body()).get("ids").get(0).asLong();

        assertThat(call("DELETE", "/rest/mtsms/" + id).statusCode()).isEqualTo(410);
        JsonNode read = JSON.readTree(call("GET", "/rest/mtsms/" + id).body());
        assertThat(read.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(read.get(0).at("/recipients/0/msisdn").asLong()).isEqualTo(4512345678L);
    }

    @Test
    void theDocumentsSampleTokenIsWhatTheSimulationSigns() throws Exception {
        // rest.rst, "Authentication token": this token verifies with the secret "secret"
        String sample = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpZCI6MjM4MTcwMywibXNpc2RuIjo0NTQyNjA5MDQ1LCJ0aW1lIjox"
                        + "NTIyNzY0MDYyLCJzdGF0dXMiOiJERUxJVkVSRUQiLCJlcnJvciI6bnVsbCwiY29kZSI6bnVsbCwidXNlcnJlZiI6bnVs"
                        + "bCwiY2FsbGJhY2tfdXJsIjoiaHR0cDovL2JiYWY3MTQyLm5ncm9rLmlvIiwiYXBpIjo0fQ.KdfDH65bnQtgxEkFnpAQod"
                        + "OciAJedZFB13r9wEo8t3Y";
        JsonNode claims = JSON.readTree("{\"id\":2381703,\"msisdn\":4542609045,\"time\":1522764062,\"status\":"
                                        + "\"DELIVERED\",\"error\":null,\"code\":null,\"userref\":null,"
                                        + "\"callback_url\":\"http://bbaf7142.ngrok.io\",\"api\":4}");

        assertThat(GatewayapiSimulation.jwt(claims, "secret")).isEqualTo(sample);
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/rest/mtsms"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Authorization", "Token " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        return answer.statusCode() + " " + JSON.readTree(answer.body()).path("code").asText();
    }
}
