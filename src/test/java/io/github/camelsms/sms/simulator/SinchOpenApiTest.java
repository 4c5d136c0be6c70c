package io.github.camelsms.sms.simulator;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sinch oracle itself: it accepts what Sinch documents and objects to the rest. */
class SinchOpenApiTest {

    private static final String BATCHES = "/xms/v1/jd63jf88477ll123ab4567cd89012ef3/batches";
    private static final Map<String, String> JSON = Map.of("Authorization", "Bearer t0ken",
            "Content-Type", "application/json; charset=UTF-8");
    private static final Map<String, String> GET = Map.of("Authorization", "Bearer t0ken");

    private final SinchOpenApi spec = SinchOpenApi.get();

    @Test
    void documentedRequestsConform() {
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[\"+4522334488\",\"+15551231234\"],"
                + "\"from\":\"MyShop\",\"body\":\"Hi\",\"type\":\"mt_text\",\"delivery_report\":\"per_recipient\","
                + "\"send_at\":\"2030-01-02T03:04:05Z\",\"expire_at\":\"2030-01-03T03:04:05Z\","
                + "\"callback_url\":\"https://example.com/dlr\",\"client_reference\":\"order-1\"}")).isEmpty();
        assertThat(spec.violations("GET", BATCHES, "page=0&page_size=100&client_reference=order-1", GET, ""))
                .isEmpty();
        assertThat(spec.violations("GET", BATCHES + "/01FC66621XXXXX119Z8PMV1QPQ", null, GET, "")).isEmpty();
        assertThat(spec.violations("DELETE", BATCHES + "/01FC66621XXXXX119Z8PMV1QPQ", null, GET, "")).isEmpty();
    }

    @Test
    void undocumentedRequestsAreObjectedTo() {
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"body\":\"Hi\"}")).as("no to").isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[],\"body\":\"Hi\"}")).as("empty to")
                .isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[\"4522334488\"],\"body\":\"Hi\"}"))
                .as("no +").isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[\"+4522334488\"],\"body\":\"Hi\","
                                                                + "\"validity\":600}")).as("unknown field").isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[\"+4522334488\"],\"body\":\"Hi\","
                                                                + "\"delivery_report\":\"all\"}")).isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, JSON, "{\"to\":[\"+4522334488\"],\"body\":\""
                                                                + "x".repeat(2001) + "\"}")).as("body").isNotEmpty();
        assertThat(spec.violations("POST", BATCHES, null, Map.of("Content-Type", "application/json"),
                "{\"to\":[\"+4522334488\"],\"body\":\"Hi\"}")).as("no token").isNotEmpty();
        assertThat(spec.violations("GET", BATCHES, "page_size=101", GET, "")).isNotEmpty();
    }

    @Test
    void callbacksAreCheckedByShape() {
        String recipient = "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"01FC66621XXXXX119Z8PMV1QPQ\","
                           + "\"recipient\":\"4522334488\",\"code\":0,\"status\":\"Delivered\","
                           + "\"at\":\"2026-01-01T10:00:00.000Z\",\"client_reference\":\"order-1\"}";
        String summary = "{\"type\":\"delivery_report_sms\",\"batch_id\":\"01FC66621XXXXX119Z8PMV1QPQ\","
                         + "\"total_message_count\":2,\"statuses\":[{\"code\":0,\"status\":\"Delivered\",\"count\":2,"
                         + "\"recipients\":[\"4522334488\",\"15551231234\"]}]}";
        String inbound = "{\"type\":\"mo_text\",\"id\":\"01FC66621XXXXX119Z8PMV1INB\",\"from\":\"4522334488\","
                         + "\"to\":\"4570200000\",\"body\":\"Hi\",\"received_at\":\"2026-01-01T10:00:00.000Z\"}";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(spec.violations("POST", SinchOpenApi.DELIVERY_REPORT_PATH, null, json, recipient)).isEmpty();
        assertThat(spec.violations("POST", SinchOpenApi.DELIVERY_REPORT_PATH, null, json, summary)).isEmpty();
        assertThat(spec.violations("POST", SinchOpenApi.INBOUND_PATH, null, json, inbound)).isEmpty();
        assertThat(spec.violations("POST", SinchOpenApi.DELIVERY_REPORT_PATH, null, json,
                recipient.replace("Delivered", "delivered"))).isNotEmpty();
        assertThat(spec.violations("POST", SinchOpenApi.INBOUND_PATH, null, json, inbound.replace("mo_text",
                "mt_text"))).isNotEmpty();
    }
}
