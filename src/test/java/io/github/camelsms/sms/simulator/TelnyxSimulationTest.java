package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Telnyx simulation answers as Telnyx documents (the oracle checks every request it receives), and the webhooks
 * it posts conform to the webhook schema and verify with the account's public key over {@code timestamp|body}.
 */
class TelnyxSimulationTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "KEYsim0123456789";

    private SmsSimulator sim;
    private HttpServer receiver;
    private final List<RecordedRequest> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = SmsSimulator.start();
        sim.telnyx().addAccount(KEY);
        sim.telnyx().statusDelay(Duration.ofMillis(10));
        receiver = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            received.add(new RecordedRequest("POST", exchange.getRequestURI().getPath(), null, headers,
                    new String(body, StandardCharsets.UTF_8), null, Instant.now()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sim.close();
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl("telnyx") + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String hooks() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    @Test
    void aSendIsAnsweredWithItsMessageAndReportedSentThenFinalizedSignedWithTheAccountKey() throws Exception {
        HttpResponse<String> answer = call("POST", "/messages", KEY, "{\"to\":\"+4522334488\",\"from\":"
                + "\"+4570200000\",\"text\":\"Hi\",\"webhook_url\":\"" + hooks() + "\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode data = MAPPER.readTree(answer.body()).get("data");
        assertThat(data.get("to").get(0).get("phone_number").asText()).isEqualTo("+4522334488");
        assertThat(data.get("to").get(0).get("status").asText()).isEqualTo("queued");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
        assertThat(received).extracting(r -> MAPPER.readTree(r.body()).at("/data/event_type").asText())
                .containsExactlyInAnyOrder("message.sent", "message.finalized"); // Telnyx may post out of order
        for (RecordedRequest hook : received) {
            assertThat(TelnyxOpenApi.get().webhookViolations("deliveryUpdate", hook)).isEmpty();
            assertThat(verifies(sim.telnyx().account(KEY).publicKey(), hook)).isTrue();
            assertThat(MAPPER.readTree(hook.body()).at("/data/payload/id").asText())
                    .isEqualTo(data.get("id").asText());
        }
        assertThat(received).extracting(r -> MAPPER.readTree(r.body()).at("/data/payload/to/0/status").asText())
                .contains("delivered");
        HttpResponse<String> fetched = call("GET", "/messages/" + data.get("id").asText(), KEY, null);
        assertThat(MAPPER.readTree(fetched.body()).at("/data/to/0/status").asText()).isEqualTo("delivered");
    }

    @Test
    void anInboundMessageIsPostedSignedAndConforms() throws Exception {
        TelnyxSimulation.InboundAnswer answer = sim.telnyx().deliverInbound(hooks(), KEY, "+4522334488",
                "+4570200000", "Hello back");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(received).hasSize(1);
        assertThat(TelnyxOpenApi.get().webhookViolations("inboundMessage", received.get(0))).isEmpty();
        assertThat(verifies(sim.telnyx().account(KEY).publicKey(), received.get(0))).isTrue();
    }

    @Test
    void errorsAreTelnyxShapedWithTheirCodes() throws Exception {
        assertError(call("POST", "/messages", "wrong", "{\"to\":\"+4522334488\",\"text\":\"x\"}"), 401, "10009");
        assertError(call("POST", "/messages", KEY, "{\"to\":\"+4522334488\",\"from\":\"+4570200000\"}"), 400,
                "10004");
        assertError(call("POST", "/messages", KEY, "{\"to\":\"+15550001234\",\"from\":\"+4570200000\","
                + "\"text\":\"x\"}"), 409, "40300");
        assertError(call("GET", "/messages/40385f64-5717-4562-b3fc-2c963f66afa6", KEY, null), 404, "10005");
        sim.telnyx().account(KEY).balance(BigDecimal.ZERO);
        HttpResponse<String> poor = call("POST", "/messages", KEY, "{\"to\":\"+4522334488\",\"from\":"
                + "\"+4570200000\",\"text\":\"x\"}");
        assertThat(poor.statusCode()).isEqualTo(402);
        sim.telnyx().account(KEY).throttled(true);
        HttpResponse<String> throttled = call("GET", "/balance", KEY, null);
        assertError(throttled, 429, "10011");
        assertThat(throttled.headers().firstValue("x-ratelimit-reset")).hasValue("1");
        assertThat(sim.telnyx().account(KEY).messages()).isEmpty();
        // every request had a shape Telnyx documents (text is required for SMS, not by the schema, as MMS omits it)
        assertThat(sim.specViolations()).isEmpty();
    }

    @Test
    void aScheduledMessageCanBeCancelledAndTheBalanceIsRead() throws Exception {
        String sendAt = Instant.now().plus(Duration.ofHours(1)).toString();
        HttpResponse<String> scheduled = call("POST", "/messages/schedule", KEY, "{\"to\":\"+4522334488\","
                + "\"from\":\"+4570200000\",\"text\":\"Later\",\"send_at\":\"" + sendAt + "\"}");
        String id = MAPPER.readTree(scheduled.body()).at("/data/id").asText();
        assertThat(MAPPER.readTree(scheduled.body()).at("/data/to/0/status").asText()).isEqualTo("scheduled");

        HttpResponse<String> cancelled = call("DELETE", "/messages/" + id, KEY, null);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(cancelled.body()).at("/to/0/status").asText()).isEqualTo("cancelled");
        assertError(call("DELETE", "/messages/" + id, KEY, null), 400, "10015");
        assertError(call("POST", "/messages", KEY, "{\"to\":\"+4522334488\",\"from\":\"+4570200000\","
                + "\"text\":\"x\",\"send_at\":\"" + Instant.now().plusSeconds(60) + "\"}"), 400, "10015");
        HttpResponse<String> balance = call("GET", "/balance", KEY, null);
        assertThat(MAPPER.readTree(balance.body()).at("/data/balance").asText()).isEqualTo("9.99");
    }

    private static void assertError(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(MAPPER.readTree(answer.body()).at("/errors/0/code").asText()).isEqualTo(code);
    }

    /** Verifies like Telnyx's SDKs: Ed25519 over timestamp|body with the Base64 32-byte public key. */
    static boolean verifies(String publicKeyBase64, RecordedRequest hook) throws Exception {
        byte[] raw = Base64.getDecoder().decode(publicKeyBase64);
        byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update((hook.header("telnyx-timestamp") + "|" + hook.body()).getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(hook.header("telnyx-signature-ed25519")));
    }
}
