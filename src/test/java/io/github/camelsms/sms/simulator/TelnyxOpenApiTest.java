package io.github.camelsms.sms.simulator;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Telnyx oracle itself: it accepts what Telnyx documents and objects to the rest. */
class TelnyxOpenApiTest {

    private static final Map<String, String> JSON = Map.of("authorization", "Bearer KEY0123",
            "content-type", "application/json; charset=UTF-8");
    private static final Map<String, String> GET = Map.of("authorization", "Bearer KEY0123");
    private static final String ID = "40385f64-5717-4562-b3fc-2c963f66afa6";

    private final TelnyxOpenApi spec = TelnyxOpenApi.get();

    private static RecordedRequest request(String method, String path, Map<String, String> headers, String body) {
        return new RecordedRequest(method, path, null, headers, body, null, Instant.now());
    }

    @Test
    void documentedRequestsConform() {
        String send = "{\"to\":\"+18665550001\",\"from\":\"+18445550001\",\"text\":\"Hello, World!\","
                      + "\"webhook_url\":\"http://127.0.0.1:1/hooks\",\"use_profile_webhooks\":false,"
                      + "\"send_at\":\"2030-01-23T18:30:00Z\",\"type\":\"SMS\"}";
        assertThat(spec.violations(request("POST", "/v2/messages", JSON, send))).isEmpty();
        assertThat(spec.violations(request("POST", "/v2/messages", JSON, "{\"to\":\"+4522334488\",\"from\":\"My Shop\","
                + "\"messaging_profile_id\":\"" + ID + "\",\"text\":\"x\"}"))).isEmpty();
        assertThat(spec.violations(request("POST", "/v2/messages/schedule", JSON, send))).isEmpty();
        assertThat(spec.violations(request("GET", "/v2/messages/" + ID, GET, ""))).isEmpty();
        assertThat(spec.violations(request("DELETE", "/v2/messages/" + ID, GET, ""))).isEmpty();
        assertThat(spec.violations(request("GET", "/v2/balance", GET, ""))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"from\":\"+18445550001\",\"text\":\"Hi\"} | to",
            "{\"to\":[\"+18665550001\"],\"text\":\"Hi\"} | to",
            "{\"to\":\"18665550001x\",\"text\":\"Hi\"} | to",
            "{\"to\":\"+18665550001\",\"text\":\"\"} | text",
            "{\"to\":\"+18665550001\",\"text\":\"Hi\",\"client_ref\":\"a\"} | client_ref",
            "{\"to\":\"+18665550001\",\"text\":\"Hi\",\"from\":\"Twelve chars\"} | from",
            "{\"to\":\"+18665550001\",\"text\":\"Hi\",\"send_at\":\"tomorrow\"} | send_at",
            "{\"to\":\"+18665550001\",\"text\":\"Hi\",\"encoding\":\"latin1\"} | encoding" })
    void nonConformingSendsAreReported(String body, String field) {
        assertThat(spec.violations(request("POST", "/v2/messages", JSON, body)))
                .anySatisfy(v -> assertThat(v).contains(field));
    }

    @Test
    void aScheduleWithoutSendAtAMissingBearerAndABadIdAreReported() {
        assertThat(spec.violations(request("POST", "/v2/messages/schedule", JSON,
                "{\"to\":\"+18665550001\",\"text\":\"Hi\"}"))).isNotEmpty();
        assertThat(spec.violations(request("GET", "/v2/balance", Map.of(), ""))).isNotEmpty();
        assertThat(spec.violations(request("GET", "/v2/messages/42", GET, ""))).isNotEmpty();
        assertThat(spec.violations(request("PATCH", "/v2/messages/" + ID, GET, ""))).isNotEmpty();
    }

    @Test
    void documentedWebhooksConformAndUnsignedOnesDoNot() {
        String signature = "A".repeat(86) + "==";
        Map<String, String> signed = Map.of("content-type", "application/json", "telnyx-signature-ed25519", signature,
                "telnyx-timestamp", "1700000000");
        String report = "{\"data\":{\"event_type\":\"message.finalized\",\"id\":\"" + ID + "\",\"occurred_at\":"
                        + "\"2019-12-09T21:32:14.148+00:00\",\"record_type\":\"event\",\"payload\":{\"id\":\"" + ID
                        + "\",\"direction\":\"outbound\",\"to\":[{\"phone_number\":\"+18665550001\",\"status\":"
                        + "\"delivered\"}],\"errors\":[]}},\"meta\":{\"attempt\":1,\"delivered_to\":"
                        + "\"http://127.0.0.1/x\"}}";
        assertThat(spec.webhookViolations("deliveryUpdate", request("POST", "/x", signed, report))).isEmpty();
        assertThat(spec.webhookViolations("deliveryUpdate", request("POST", "/x",
                Map.of("content-type", "application/json"), report))).isNotEmpty();
        assertThat(spec.webhookViolations("deliveryUpdate", request("POST", "/x", signed,
                report.replace("message.finalized", "message.delivered")))).isNotEmpty();
    }
}
