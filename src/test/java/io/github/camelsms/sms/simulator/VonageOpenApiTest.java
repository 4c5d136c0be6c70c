package io.github.camelsms.sms.simulator;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vonage oracle itself: Vonage's OpenAPI definitions, adapted to the current documents, accept what Vonage
 * documents and object to the rest.
 */
class VonageOpenApiTest {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("abcd1234:s3cr3tvalue".getBytes());

    private final VonageOpenApi spec = VonageOpenApi.get();

    private static RecordedRequest send(String form, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded; charset=UTF-8");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return new RecordedRequest("POST", "/sms/json", null, headers, form, null, Instant.now());
    }

    private static RecordedRequest balance(String query, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return new RecordedRequest("GET", "/account/get-balance", query, headers, "", null, Instant.now());
    }

    @Test
    void documentedRequestsConform() {
        assertThat(spec.violations(send("from=AcmeInc&to=447700900000&text=Hello+World%21", AUTH))).isEmpty();
        assertThat(spec.violations(send("from=447700900001&to=447700900000&text=%F0%9F%98%80&type=unicode"
                                        + "&ttl=900000&callback=https%3A%2F%2Fexample.com%2Fdlr"
                                        + "&client-ref=order-42&status-report-req=true&message-class=0", AUTH)))
                .isEmpty();
        assertThat(spec.violations(balance(null, AUTH))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "to=447700900000&text=Hi | [\"from\"]",
            "from=Acme&text=Hi | [\"to\"]",
            "from=Acme&to=+447700900000&text=Hi | [Path '/to']",
            "from=Acme&to=447700900000&text=Hi&ttl=soon | [Path '/ttl']",
            "from=Acme&to=447700900000&text=Hi&ttl=1000 | [Path '/ttl']",
            "from=Acme&to=447700900000&text=Hi&type=emoji | [Path '/type']",
            "from=Acme&to=447700900000&text=Hi&message-class=7 | [Path '/message-class']",
            "from=Acme&to=447700900000&text=Hi&bogus=1 | bogus is not in the definition",
            "from=Acme&to=447700900000&to=447700900001&text=Hi | to is repeated",
            "from=Acme&to=447700900000&text=Hi&api_key=abcd1234&api_secret=s3cr3tvalue | API secret travels" })
    void nonConformingSendsAreReported(String form, String expected) {
        assertThat(spec.violations(send(form, AUTH))).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void requestsWithoutBasicCredentialsAreReported() {
        assertThat(spec.violations(send("from=Acme&to=447700900000&text=Hi", null)))
                .anySatisfy(v -> assertThat(v).contains("no Authorization: Basic header"));
        assertThat(spec.violations(balance("api_key=abcd1234&api_secret=s3cr3tvalue", null)))
                .anySatisfy(v -> assertThat(v).contains("no Authorization: Basic header"))
                .anySatisfy(v -> assertThat(v).contains("API secret travels"));
    }

    @Test
    void webhooksAreCheckedAgainstTheDefinitionsSchemas() {
        Map<String, String> receipt = new LinkedHashMap<>(Map.of("msisdn", "447700900000", "to", "AcmeInc",
                "messageId", "0A0000001234567B", "status", "delivered", "err-code", "0",
                "message-timestamp", "2020-01-01 12:00:00"));
        assertThat(spec.webhookViolations(true, receipt)).isEmpty();
        receipt.put("colour", "blue");
        assertThat(spec.webhookViolations(true, receipt)).anySatisfy(v -> assertThat(v).contains("colour"));

        Map<String, String> inbound = new LinkedHashMap<>(Map.of("api-key", "abcd1234", "msisdn", "447700900001",
                "to", "447700900000", "messageId", "0A0000000123ABCD1", "text", "Hello world", "type", "text",
                "keyword", "HELLO", "message-timestamp", "2020-01-01 12:00:00"));
        assertThat(spec.webhookViolations(false, inbound)).isEmpty();
        inbound.remove("keyword");
        assertThat(spec.webhookViolations(false, inbound)).anySatisfy(v -> assertThat(v).contains("keyword"));
    }
}
