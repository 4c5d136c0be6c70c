package io.github.camelsms.sms.simulator;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.model.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The oracle itself: Twilio's OpenAPI spec accepts what the providers document and objects to the rest, and a
 * simulator that received a non-conforming request fails the test that closes it.
 */
class TwilioOpenApiTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString((SID + ":t").getBytes());
    private static final Map<String, String> FORM = Map.of("Authorization", AUTH,
            "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    private static final Map<String, String> GET = Map.of("Authorization", AUTH);

    private final TwilioOpenApi spec = TwilioOpenApi.get();

    @Test
    void documentedRequestsConform() {
        String send = "To=%2B4522334488&From=MyShop&Body=Hi&MediaUrl=https%3A%2F%2Fa.example%2Fw_1%2Ch_2.jpg"
                      + "&MediaUrl=https%3A%2F%2Fb.example%2Fb.png&StatusCallback=http%3A%2F%2F127.0.0.1%3A1%2Fs"
                      + "&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&ScheduleType=fixed"
                      + "&SendAt=2030-01-02T03%3A04%3A05Z&ValidityPeriod=600&SmartEncoded=true&ShortenUrls=false"
                      + "&SendAsMms=true&MaxPrice=0.05";
        assertThat(spec.violations("POST", MESSAGES, null, FORM, send)).isEmpty();
        assertThat(spec.violations("GET", MESSAGES, "To=%2B4522334488&DateSent%3C=2026-11-23&DateSent%3E=2026-11-01"
                                                    + "&DateSent=2026-11-02&PageSize=5&Page=1", GET, "")).isEmpty();
        String one = "/2010-04-01/Accounts/" + SID + "/Messages/SM0123456789abcdef0123456789abcdef.json";
        assertThat(spec.violations("POST", one, null, FORM, "Status=canceled")).isEmpty();
        assertThat(spec.violations("POST", one, null, FORM, "Body=")).isEmpty();
        assertThat(spec.violations("DELETE", one, null, GET, "")).isEmpty();
        assertThat(spec.violations("GET", "/2010-04-01/Accounts/" + SID + "/Balance.json", null, GET, "")).isEmpty();
        // SignalWire's UUIDs and the /api/laml prefix, translated as documented in TwilioOpenApi
        assertThat(spec.violations("GET", "/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a"
                                          + "/Messages/3e0a4bd1-7a02-4a8c-9b6e-2c0d8f1a5e77.json", null, GET, ""))
                .isEmpty();
        assertThat(spec.violations("POST", "/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a"
                                           + "/Messages.json", null, FORM, "To=%2B1&From=%2B2&Body=x&ValidityPeriod=172800"))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "From=%2B4570200000&Body=Hi | missing required properties ([\"To\"])",
            "To=%2B1&Body=Hi&SmartEncoded=maybe | [Path '/SmartEncoded']",
            "To=%2B1&Body=Hi&ValidityPeriod=ten | [Path '/ValidityPeriod']",
            "To=%2B1&Body=Hi&Bogus=1 | [\"Bogus\"]",
            "To=%2B1&Body=Hi&MessagingServiceSid=MG1 | [Path '/MessagingServiceSid']",
            "To=%2B1&Body=Hi&ScheduleType=later | [Path '/ScheduleType']",
            "To=%2B1&Body=Hi&SendAt=2030-01-02+03%3A04 | [Path '/SendAt']",
            "To=%2B1&To=%2B2&Body=Hi | To is repeated" })
    void nonConformingSendsAreReported(String form, String expected) {
        assertThat(spec.violations("POST", MESSAGES, null, FORM, form)).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void wrongIdsContentTypesAuthAndPathsAreReported() {
        assertThat(spec.violations("GET", "/2010-04-01/Accounts/AC5/Messages/SM1.json", null, GET, ""))
                .anySatisfy(v -> assertThat(v).contains("^AC[0-9a-fA-F]{32}$"))
                .anySatisfy(v -> assertThat(v).contains("^(SM|MM)[0-9a-fA-F]{32}$"));
        assertThat(spec.violations("POST", MESSAGES, null, Map.of("Authorization", AUTH, "Content-Type",
                "application/json"), "{\"To\":\"+1\"}")).anySatisfy(v -> assertThat(v).contains("Content-Type"));
        assertThat(spec.violations("GET", MESSAGES, null, Map.of(), ""))
                .anySatisfy(v -> assertThat(v).contains("security"));
        assertThat(spec.violations("DELETE", "/2010-04-01/Accounts/" + SID + "/Calls.json", null, GET, ""))
                .anySatisfy(v -> assertThat(v).contains("DELETE operation not allowed"));
        assertThat(spec.violations("GET", MESSAGES, "PageSize=5000", GET, ""))
                .anySatisfy(v -> assertThat(v).contains("maximum: 1000, found: 5000"));
    }

    @Test
    void theSimulatorFailsTheTestThatSentANonConformingRequest() throws Exception {
        SmsSimulator sim = SmsSimulator.start();
        sim.laml().addAccount(SID, "t");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.twilioBaseUrl() + "/Accounts/" + SID + "/Messages.json"))
                .header("Authorization", AUTH).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B4522334488&From=%2B4570200000&Body=Hi&Colour=red"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(sim.specViolations()).singleElement().satisfies(v -> assertThat(v).contains("[\"Colour\"]"));
        assertThatThrownBy(sim::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("request checks objected to").hasMessageContaining("Colour");
    }

    @Test
    void everyMessageStatusOfTheSpecHasADeliveryStatus() throws Exception {
        JsonNode root;
        try (InputStream in = TwilioOpenApiTest.class.getResourceAsStream(TwilioOpenApi.SPEC)) {
            root = new ObjectMapper().readTree(in);
        }
        List<String> statuses = new ArrayList<>();
        root.path("components").path("schemas").path("message_enum_status").path("enum")
                .forEach(s -> statuses.add(s.asText()));

        assertThat(statuses).contains("queued", "scheduled", "partially_delivered", "canceled", "read");
        assertThat(statuses).allSatisfy(s -> assertThat(DeliveryStatus.ofLaml(s)).as(s)
                .isNotEqualTo(DeliveryStatus.UNKNOWN));
    }

    @Test
    void theVendoredSpecKeepsItsLicence() throws Exception {
        try (InputStream in = TwilioOpenApiTest.class.getResourceAsStream("/twilio-oai/LICENSE")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("MIT License")
                    .contains("Twilio");
        }
    }
}
