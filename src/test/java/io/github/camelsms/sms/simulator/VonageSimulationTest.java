package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.camelsms.sms.simulator.VonageSimulation.SignatureMethod;
import io.github.camelsms.sms.simulator.VonageSimulation.WebhookStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Vonage simulation as Vonage's documents describe the API, driven over HTTP without the component. */
class VonageSimulationTest {

    private static final String KEY = "abcd1234";
    private static final String SECRET = "s3cr3tvalue";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SmsSimulator sim;
    private VonageSimulation.Account account;

    private record Callback(String method, String query, String contentType, String body) {
    }

    @BeforeEach
    void start() {
        sim = SmsSimulator.start();
        account = sim.vonage().addAccount(KEY, SECRET, new BigDecimal("1.00"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aSendIsQueuedWithOneEntryPerPart() throws Exception {
        JsonNode answer = send(BASIC, "from", "AcmeInc", "to", "447700900000", "text", "x".repeat(161),
                "client-ref", "order-42");
        assertThat(answer.path("message-count").asText()).isEqualTo("2");
        assertThat(answer.path("messages")).hasSize(2).allSatisfy(m -> {
            assertThat(m.path("status").asText()).isEqualTo("0");
            assertThat(m.path("to").asText()).isEqualTo("447700900000");
            assertThat(m.path("message-id").asText()).matches("[0-9A-F]{16}");
            assertThat(m.path("client-ref").asText()).isEqualTo("order-42");
        });
        assertThat(account.balance()).isEqualByComparingTo("0.9334");
        assertThat(account.messages()).singleElement().satisfies(m -> assertThat(m.messageIds()).hasSize(2));
        assertThat(sim.specViolations()).isEmpty();
    }

    @Test
    void unicodeCountsInUcs2AndGsmTextSentAsUnicodeIsNotGarbled() throws Exception {
        assertThat(send(BASIC, "from", "AcmeInc", "to", "447700900000", "text", "😀".repeat(36), "type", "unicode")
                .path("messages")).hasSize(2);
        send(BASIC, "from", "AcmeInc", "to", "447700900000", "text", "Grüße 😀");
        assertThat(account.messages().get(1).garbled()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "to=447700900000&text=Hi | 2",
            "from=Acme&to=447700900000 | 2",
            "from=Acme&to=%2B447700900000&text=Hi | 3",
            "from=Acme&to=447700900000&text=Hi&ttl=10 | 3",
            "from=TooLongSender12&to=447700900000&text=Hi | 15" })
    void malformedSendsGetTheirStatusInA200(String form, String status) throws Exception {
        HttpResponse<String> response = post("/sms/json", BASIC, form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).path("messages").get(0).path("status").asText()).isEqualTo(status);
        sim.takeSpecViolations(); // some of them do not conform on purpose
    }

    @Test
    void credentialsCreditThrottlingAndRejectedNumbersAreStatusesInA200() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString((KEY + ":wrong").getBytes());
        assertThat(status(send(wrong, "from", "Acme", "to", "447700900000", "text", "Hi"))).isEqualTo("4");
        account.throttle(1);
        assertThat(status(send(BASIC, "from", "Acme", "to", "447700900000", "text", "Hi"))).isEqualTo("1");
        account.rejectRecipient("447700900009", 29, "Non White-listed Destination - rejected");
        assertThat(status(send(BASIC, "from", "Acme", "to", "447700900009", "text", "Hi"))).isEqualTo("29");
        account.balance(new BigDecimal("0.01"));
        assertThat(status(send(BASIC, "from", "Acme", "to", "447700900000", "text", "Hi"))).isEqualTo("9");
        assertThat(account.messages()).isEmpty();
    }

    @Test
    void theBalanceNeedsCredentials() throws Exception {
        HttpResponse<String> ok = get("/account/get-balance", BASIC);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(ok.body()).path("value").decimalValue()).isEqualByComparingTo("1.00");
        HttpResponse<String> refused = get("/account/get-balance", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(refused.body()).path("error-code-label").asText())
                .isEqualTo("authentication failed");
        sim.takeSpecViolations(); // the request without credentials does not conform on purpose
    }

    @ParameterizedTest
    @EnumSource(WebhookStyle.class)
    void deliveryReceiptsAreSignedAndMatchTheDefinition(WebhookStyle style) throws Exception {
        List<Callback> received = new CopyOnWriteArrayList<>();
        HttpServer server = callbackServer(received);
        try {
            sim.vonage().webhookStyle(style);
            account.signatureSecret("sig-secret", SignatureMethod.HMAC_SHA256);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dlr";
            send(BASIC, "from", "AcmeInc", "to", "459912345678", "text", "Hi", "callback", url, "client-ref", "r1");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            Callback callback = received.get(0);
            Map<String, String> params = style == WebhookStyle.GET ? single(RecordedRequest.parseParams(callback.query))
                    : style == WebhookStyle.FORM_POST ? single(RecordedRequest.parseParams(callback.body))
                    : MAPPER.convertValue(MAPPER.readTree(callback.body), Map.class);
            assertThat(params).containsEntry("msisdn", "459912345678").containsEntry("to", "AcmeInc")
                    .containsEntry("status", "failed").containsEntry("err-code", "2").containsEntry("client-ref", "r1")
                    .containsKeys("messageId", "timestamp", "nonce", "sig");
            assertThat(params.get("sig")).isEqualTo(VonageSimulation.sign(params, "sig-secret",
                    SignatureMethod.HMAC_SHA256));
            assertThat(VonageOpenApi.get().webhookViolations(true, params)).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aLongInboundTextArrivesInPartsThatMatchTheDefinition() throws Exception {
        List<Callback> received = new CopyOnWriteArrayList<>();
        HttpServer server = callbackServer(received);
        try {
            sim.vonage().webhookStyle(WebhookStyle.FORM_POST);
            List<VonageSimulation.InboundAnswer> answers = sim.vonage().deliverInbound("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/in", KEY, "447700900001", "447700900000",
                    "stop " + "y".repeat(200));
            assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
            assertThat(received).hasSize(2).allSatisfy(c -> {
                Map<String, String> params = single(RecordedRequest.parseParams(c.body));
                assertThat(params).containsEntry("keyword", "STOP").containsEntry("concat", "true")
                        .containsEntry("concat-total", "2").doesNotContainKey("sig");
                assertThat(VonageOpenApi.get().webhookViolations(false, params)).isEmpty();
            });
        } finally {
            server.stop(0);
        }
    }

    /**
     * The signatures of the published examples in Vonage's Java SDK (RequestSigningTest: a=alphabet, b=bananas,
     * timestamp=2100, secret abcde).
     */
    @Test
    void signaturesMatchVonagesPublishedExamples() {
        Map<String, String> params = Map.of("a", "alphabet", "b", "bananas", "timestamp", "2100");
        assertThat(VonageSimulation.sign(params, "abcde", SignatureMethod.MD5_HASH))
                .isEqualTo("7d43241108912b32cc315b48ce681acf");
        assertThat(VonageSimulation.sign(params, "abcde", SignatureMethod.HMAC_SHA256))
                .isEqualToIgnoringCase("8d1b0428276b6a070578225914c3502cc0687a454dfbbbb370c76a14234cb546");
    }

    private static String status(JsonNode answer) {
        return answer.path("messages").get(0).path("status").asText();
    }

    private JsonNode send(String authorization, String... nameValues) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(nameValues[i]).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = post("/sms/json", authorization, form.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> single(Map<String, List<String>> params) {
        Map<String, String> single = new LinkedHashMap<>();
        params.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    private static HttpServer callbackServer(List<Callback> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Callback(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }
}
