package io.github.camelsms.sms.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sinch simulation answers as Sinch documents, and signs as Sinch's SDK verifies. */
class SinchSimulationTest {

    private static final String PLAN = "jd63jf88477ll123ab4567cd89012ef3";
    private static final String TOKEN = "sinch-T0ken";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SmsSimulator sim = SmsSimulator.start();
    private final HttpClient client = HttpClient.newHttpClient();

    SinchSimulationTest() {
        sim.sinch().addServicePlan(PLAN, TOKEN);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/xms/v1/" + PLAN + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchIsCreatedReadListedAndCanceledWhileScheduled() throws Exception {
        String sendAt = Instant.now().plusSeconds(3600).toString();
        HttpResponse<String> created = call("POST", "/batches", TOKEN, "{\"to\":[\"+4522334488\",\"+4522334489\"],"
                + "\"body\":\"Hi\",\"send_at\":\"" + sendAt + "\",\"client_reference\":\"r1\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode batch = MAPPER.readTree(created.body());
        String id = batch.get("id").asText();
        assertThat(id).hasSize(26);
        assertThat(batch.get("canceled").asBoolean()).isFalse();
        assertThat(MAPPER.readTree(call("GET", "/batches/" + id, TOKEN, null).body()).get("id").asText())
                .isEqualTo(id);
        JsonNode page = MAPPER.readTree(call("GET", "/batches?page_size=1&client_reference=r1", TOKEN, null).body());
        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("batches").get(0).get("id").asText()).isEqualTo(id);
        HttpResponse<String> canceled = call("DELETE", "/batches/" + id, TOKEN, null);
        assertThat(MAPPER.readTree(canceled.body()).get("canceled").asBoolean()).isTrue();
        assertThat(call("GET", "/batches/NOPE", TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void errorsAreAnsweredAsDocumented() throws Exception {
        assertThat(call("POST", "/batches", "wrong", "{\"to\":[\"+4522334488\"],\"body\":\"Hi\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> bad = call("POST", "/batches", TOKEN, "{\"to\":[\"4522334488\"],\"body\":\"Hi\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(bad.body()).get("code").asText()).isEqualTo("syntax_invalid_parameter_format");
        sim.sinch().servicePlan(PLAN).blocked(true);
        HttpResponse<String> blocked = call("POST", "/batches", TOKEN, "{\"to\":[\"+4522334488\"],\"body\":\"Hi\"}");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(blocked.body()).get("code").asText()).isEqualTo("blocked_account");
        sim.sinch().servicePlan(PLAN).throttled(true);
        assertThat(call("GET", "/batches", TOKEN, null).statusCode()).isEqualTo(429);
        assertThat(sim.sinch().servicePlan(PLAN).batches()).isEmpty();
        // the oracle objected to the malformed number, as it should
        assertThat(sim.takeSpecViolations()).hasSize(1);
    }

    /** The vector of sinch-sdk-java's HmacAuthenticationValidationTest (Apache-2.0): our signer agrees with it. */
    @Test
    void signsAsSinchsSdkVerifies() {
        String body = "{\"app_id\":\"\",\"accepted_time\":\"2021-10-18T17:49:13.813615Z\",\"project_id\":"
                      + "\"e2df3a34-a71b-4448-9db5-a8d2baad28e4\",\"contact_create_notification\":{\"contact\":{\"id\":"
                      + "\"01FJA8B466Y0R2GNXD78MD9SM1\",\"channel_identities\":[{\"channel\":\"SMS\",\"identity\":"
                      + "\"48123456789\",\"app_id\":\"\"}],\"display_name\":\"New Test Contact\",\"email\":"
                      + "\"new.contact@email.com\",\"external_id\":\"\",\"metadata\":\"\",\"language\":\"EN_US\"}},"
                      + "\"message_metadata\":\"\"}";

        assertThat(SinchSimulation.sign("foo_secret1234", body, "01FJA8B4A7BM43YGWSG9GBV067", "1634579353"))
                .isEqualTo("6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=");
        assertThat(SinchSimulation.signatureHeaders(null, body)).isEqualTo(Map.of());
    }
}
