package io.github.camelsms.sms.simulator;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GatewayAPI oracle itself: it accepts the requests and webhooks GatewayAPI's documents show and objects to what
 * they rule out.
 */
class GatewayapiOpenApiTest {

    private static final Map<String, String> JSON = Map.of("Authorization", "Token Go-Create-an-API-token",
            "Content-Type", "application/json");
    private static final Map<String, String> GET = Map.of("Authorization", "Token Go-Create-an-API-token");

    private final GatewayapiOpenApi spec = GatewayapiOpenApi.get();

    @Test
    void documentedRequestsConform() {
        // rest.rst, "Basic usage" and "Advanced usage" (the fully fledged example without payload, which the docs say
        // cannot be set together with message)
        assertThat(spec.violations("POST", "/rest/mtsms", null, JSON, "{\"message\":\"Hello World\",\"recipients\":"
                + "[{\"msisdn\":4512345678},{\"msisdn\":4587654321}]}")).isEmpty();
        assertThat(spec.violations("POST", "/rest/mtsms", null, JSON, "[{\"class\":\"standard\",\"message\":"
                + "\"Hello World, regards %Firstname, --Lastname--\",\"label\":\"Deathstar inc.\",\"recipients\":"
                + "[{\"msisdn\":1514654321,\"mcc\":302,\"mnc\":720,\"tagvalues\":[\"Vader\",\"Darth\"]}],"
                + "\"sender\":\"Test Sender\",\"sendtime\":915148800,\"tags\":[\"--Lastname--\",\"%Firstname\"],"
                + "\"userref\":\"1234\",\"priority\":\"NORMAL\",\"validity_period\":86400,\"encoding\":\"UTF8\","
                + "\"destaddr\":\"MOBILE\",\"udh\":\"BQQLhCPw\",\"callback_url\":\"https://example.com/cb?foo=bar\"},"
                + "{\"message\":\"Hello World\",\"recipients\":[{\"msisdn\":\"4512345678\"}]}]")).isEmpty();
        assertThat(spec.violations("GET", "/rest/me", null, GET, "")).isEmpty();
        assertThat(spec.violations("GET", "/rest/mtsms/421332671", null, GET, "")).isEmpty();
        assertThat(spec.violations("DELETE", "/rest/mtsms/421332671", null, GET, "")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"message\":\"Hi\"} | recipients",
            "{\"message\":\"Hi\",\"recipients\":[]} | ",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":\"+4512345678\"}]} | msisdn",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}],\"user_ref\":\"x\"} | user_ref",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}],\"encoding\":\"UTF-8\"} | encoding",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}],\"validity_period\":30} | validity_period",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}],\"sender\":\"Far too long sender\"} | sender",
            "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}],\"sendtime\":\"soon\"} | sendtime" })
    void nonConformingSendsAreReported(String body, String expected) {
        assertThat(spec.violations("POST", "/rest/mtsms", null, JSON, body))
                .isNotEmpty().anySatisfy(v -> assertThat(v).contains(expected == null ? "" : expected));
    }

    @Test
    void otherAuthenticationsContentTypesAndPathsAreReported() {
        String body = "{\"message\":\"Hi\",\"recipients\":[{\"msisdn\":4512345678}]}";
        assertThat(spec.violations("POST", "/rest/mtsms", null, Map.of("Authorization", "Basic Zm9vOg==",
                "Content-Type", "application/json"), body)).anySatisfy(v -> assertThat(v).contains("Token"));
        assertThat(spec.violations("POST", "/rest/mtsms", null, Map.of("Content-Type", "application/json"), body))
                .anySatisfy(v -> assertThat(v).contains("Token"));
        assertThat(spec.violations("POST", "/rest/mtsms", null, Map.of("Authorization", "Token t",
                "Content-Type", "application/x-www-form-urlencoded"), "message=Hi&recipients.0.msisdn=4512345678"))
                .anySatisfy(v -> assertThat(v).contains("Content-Type"));
        assertThat(spec.violations("GET", "/rest/mtsms/abc", null, GET, "")).isNotEmpty();
        assertThat(spec.violations("GET", "/rest/mosms/1", null, GET, "")).isNotEmpty();
    }

    @Test
    void documentedWebhooksConform() {
        RecordedRequest dsn = webhook("{\"id\":1000001,\"msisdn\":4587654321,\"time\":1450000000,"
                                      + "\"status\":\"DELIVERED\",\"userref\":\"foobar\"}");
        assertThat(spec.webhookViolations(GatewayapiOpenApi.DELIVERY_STATUS, dsn)).isEmpty();
        // the claims of rest.rst's sample X-Gwapi-Signature token
        RecordedRequest claims = webhook("{\"id\":2381703,\"msisdn\":4542609045,\"time\":1522764062,\"status\":"
                                         + "\"DELIVERED\",\"error\":null,\"code\":null,\"userref\":null,"
                                         + "\"callback_url\":\"http://bbaf7142.ngrok.io\",\"api\":4}");
        assertThat(spec.webhookViolations(GatewayapiOpenApi.DELIVERY_STATUS, claims)).isEmpty();
        RecordedRequest mo = webhook("{\"id\":1000001,\"msisdn\":4587654321,\"receiver\":451204,\"message\":"
                                     + "\"foo Hello World\",\"senttime\":1450000000,\"webhook_label\":\"test\"}");
        assertThat(spec.webhookViolations(GatewayapiOpenApi.MO_SMS, mo)).isEmpty();
        assertThat(spec.webhookViolations(GatewayapiOpenApi.DELIVERY_STATUS,
                webhook("{\"id\":1,\"msisdn\":4587654321,\"time\":1,\"status\":\"delivered\"}"))).isNotEmpty();
    }

    private static RecordedRequest webhook(String body) {
        return new RecordedRequest("POST", "/cb", null, Map.of("content-type", "application/json"), body, null,
                Instant.now());
    }
}
