package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LamlSimulationTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "laml-token";
    private static final String FROM = "+4512345678";
    private static final String MESSAGES = "/Accounts/" + SID + "/Messages.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SmsSimulator sim;

    /** A request received by the test's callback server. */
    private record Callback(String path, String query, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() {
        sim = SmsSimulator.start();
        sim.laml().addAccount(SID, TOKEN);
    }

    @AfterEach
    void stop() {
        // this class sends malformed requests on purpose, to test the simulator's answers; what the spec says of
        // malformed requests is tested in TwilioOpenApiTest
        sim.takeSpecViolations();
        sim.close();
    }

    @Test
    void createsAMessage() throws Exception {
        HttpResponse<String> response = post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "Hello from Camel");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode json = MAPPER.readTree(response.body());
        String sid = json.get("sid").asText();
        assertThat(sid).matches("SM[0-9a-f]{32}");
        assertThat(json.get("account_sid").asText()).isEqualTo(SID);
        assertThat(json.get("api_version").asText()).isEqualTo("2010-04-01");
        assertThat(json.get("to").asText()).isEqualTo("+4522334488");
        assertThat(json.get("from").asText()).isEqualTo(FROM);
        assertThat(json.get("body").asText()).isEqualTo("Hello from Camel");
        assertThat(json.get("status").asText()).isEqualTo("queued");
        assertThat(json.get("num_segments").isTextual()).isTrue();
        assertThat(json.get("num_segments").asText()).isEqualTo("1");
        assertThat(json.get("num_media").asText()).isEqualTo("0");
        assertThat(json.get("direction").asText()).isEqualTo("outbound-api");
        assertThat(json.get("price").isNull()).isTrue();
        assertThat(json.get("price_unit").asText()).isEqualTo("USD");
        assertThat(json.get("error_code").isNull()).isTrue();
        assertThat(json.get("error_message").isNull()).isTrue();
        assertThat(json.get("date_sent").isNull()).isTrue();
        assertThat(json.get("messaging_service_sid").isNull()).isTrue();
        assertThat(json.get("date_created").asText()).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        ZonedDateTime created = ZonedDateTime.parse(json.get("date_created").asText(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Duration.between(created.toInstant(), Instant.now()).abs()).isLessThan(
                Duration.ofMinutes(1));
        assertThat(json.get("date_updated").asText()).isEqualTo(json.get("date_created").asText());
        assertThat(json.get("uri").asText()).isEqualTo("/Accounts/" + SID + "/Messages/" + sid + ".json");
        assertThat(json.get("subresource_uris").get("media").asText())
                .isEqualTo("/Accounts/" + SID + "/Messages/" + sid + "/Media.json");

        RecordedRequest request = sim.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(MESSAGES);
        assertThat(request.basicUser()).isEqualTo(SID);
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.formValue("To")).isEqualTo("+4522334488");
        assertThat(request.formValue("Body")).isEqualTo("Hello from Camel");

        assertThat(sim.laml().account(SID).messages()).singleElement().satisfies(m -> {
            assertThat(m.sid()).isEqualTo(sid);
            assertThat(m.accountSid()).isEqualTo(SID);
            assertThat(m.to()).isEqualTo("+4522334488");
            assertThat(m.from()).isEqualTo(FROM);
            assertThat(m.body()).isEqualTo("Hello from Camel");
            assertThat(m.mediaUrls()).isEmpty();
            assertThat(m.statusCallback()).isNull();
            assertThat(m.numSegments()).isEqualTo(1);
            assertThat(m.dateCreated()).isNotNull();
        });
    }

    @Test
    void countsSegmentsAndAcceptsMediaWithoutBody() throws Exception {
        JsonNode gsm = MAPPER.readTree(post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "a".repeat(161))
                .body());
        assertThat(gsm.get("num_segments").asText()).isEqualTo("2");
        JsonNode ucs2 = MAPPER.readTree(post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "ж".repeat(71))
                .body());
        assertThat(ucs2.get("num_segments").asText()).isEqualTo("2");

        HttpResponse<String> mms = post(MESSAGES, "To", "+4522334488", "From", FROM,
                "MediaUrl", "https://example.com/a.png", "MediaUrl", "http://example.com/b.gif");
        assertThat(mms.statusCode()).isEqualTo(201);
        JsonNode json = MAPPER.readTree(mms.body());
        assertThat(json.get("num_media").asText()).isEqualTo("2");
        assertThat(json.get("body").asText()).isEmpty();
        assertThat(sim.laml().account(SID).messages().get(2).mediaUrls())
                .containsExactly("https://example.com/a.png", "http://example.com/b.gif");
    }

    static Stream<Arguments> invalidMessages() {
        String ok = "+4522334488";
        List<String> elevenMedia = new ArrayList<>(List.of("To", ok, "From", FROM, "Body", "x"));
        for (int i = 0; i < 11; i++) {
            elevenMedia.addAll(List.of("MediaUrl", "https://example.com/" + i + ".png"));
        }
        return Stream.of(
                Arguments.of(List.of("From", FROM, "Body", "x"), 21211),
                Arguments.of(List.of("To", "4522334488", "From", FROM, "Body", "x"), 21211),
                Arguments.of(List.of("To", "+45 22 33 44 88", "From", FROM, "Body", "x"), 21211),
                Arguments.of(List.of("To", ok, "Body", "x"), 21212),
                Arguments.of(List.of("To", ok, "From", "My-Shop!", "Body", "x"), 21212),
                Arguments.of(List.of("To", ok, "From", "TwelveLetter", "Body", "x"), 21212),
                Arguments.of(List.of("To", ok, "From", "+4587654321", "Body", "x"), 21606),
                Arguments.of(List.of("To", ok, "From", FROM), 21602),
                Arguments.of(List.of("To", ok, "From", FROM, "Body", ""), 21602),
                Arguments.of(List.of("To", ok, "From", FROM, "Body", "x".repeat(1601)), 21617),
                Arguments.of(List.of("To", ok, "From", FROM, "Body", "x", "MediaUrl", "ftp://example.com/a.png"),
                        21620),
                Arguments.of(elevenMedia, 21623),
                Arguments.of(List.of("To", ok, "From", FROM, "Body", "x", "StatusCallback", "callback"), 21609),
                Arguments.of(List.of("To", "+15550001234", "From", FROM, "Body", "x"), 21610));
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void rejectsInvalidMessages(List<String> fields, int code) throws Exception {
        sim.laml().account(SID).ownedNumbers(Set.of(FROM, "+4511111111"));

        HttpResponse<String> response = post(MESSAGES, fields.toArray(String[]::new));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("code").asInt()).isEqualTo(code);
        assertThat(json.get("message").asText()).isNotBlank();
        assertThat(json.get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(sim.laml().account(SID).messages()).isEmpty();
    }

    @Test
    void acceptsExactly1600CharactersAndAnOwnedNumber() throws Exception {
        sim.laml().account(SID).ownedNumbers(Set.of(FROM));
        assertThat(post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "x".repeat(1600)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void rejectsBadCredentials() throws Exception {
        String expected = "{\"code\":20003,\"message\":\"Authentication Error - invalid username\","
                          + "\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}";
        sim.laml().addAccount("AC2", "other-token");
        String form = form("To", "+4522334488", "From", FROM, "Body", "x");

        List<HttpResponse<String>> responses = List.of(
                send("POST", MESSAGES, form, SID, "wrong-token"),
                send("POST", MESSAGES, form, null, null),
                send("POST", MESSAGES, form, "AC-unknown", TOKEN),
                send("POST", MESSAGES, form, "AC2", "other-token"),
                send("GET", "/Accounts/AC2/Messages.json", null, SID, TOKEN));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
        });
        assertThat(sim.laml().account(SID).messages()).isEmpty();
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        for (String path : List.of("/Accounts/" + SID + "/Calls.json", "/Accounts/" + SID + ".json",
                "/Accounts/" + SID + "/Messages/SM1/Media.json", "/Accounts")) {
            HttpResponse<String> response = send("GET", path, null, SID, TOKEN);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(MAPPER.readTree(response.body()).get("code").asInt()).isEqualTo(20404);
        }
    }

    @Test
    void pagesNewestFirstWithFilters() throws Exception {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sids.add(MAPPER.readTree(post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "m" + i).body())
                    .get("sid").asText());
        }
        post(MESSAGES, "To", "+4599887766", "From", FROM, "Body", "other");

        List<String> seen = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        String uri = MESSAGES + "?To=%2B4522334488&PageSize=3";
        while (uri != null) {
            HttpResponse<String> response = send("GET", uri, null, SID, TOKEN);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = MAPPER.readTree(response.body());
            pages.add(page);
            page.get("messages").forEach(m -> seen.add(m.get("sid").asText()));
            uri = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
        }

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(p -> p.get("messages").size()).containsExactly(3, 3, 1);
        Collections.reverse(sids);
        assertThat(seen).containsExactlyElementsOf(sids);
        JsonNode first = pages.get(0);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("page_size").asInt()).isEqualTo(3);
        assertThat(first.get("start").asInt()).isZero();
        assertThat(first.get("end").asInt()).isEqualTo(2);
        assertThat(first.get("uri").asText()).isEqualTo(MESSAGES + "?To=%2B4522334488&PageSize=3&Page=0");
        assertThat(first.get("first_page_uri").asText()).isEqualTo(MESSAGES + "?To=%2B4522334488&PageSize=3&Page=0");
        assertThat(first.get("next_page_uri").asText()).isEqualTo(MESSAGES + "?To=%2B4522334488&PageSize=3&Page=1");
        assertThat(first.get("previous_page_uri").isNull()).isTrue();
        JsonNode last = pages.get(2);
        assertThat(last.get("page").asInt()).isEqualTo(2);
        assertThat(last.get("start").asInt()).isEqualTo(6);
        assertThat(last.get("end").asInt()).isEqualTo(6);
        assertThat(last.get("previous_page_uri").asText()).isEqualTo(MESSAGES + "?To=%2B4522334488&PageSize=3&Page=1");
        assertThat(last.get("next_page_uri").isNull()).isTrue();

        JsonNode all = MAPPER.readTree(send("GET", MESSAGES, null, SID, TOKEN).body());
        assertThat(all.get("messages")).hasSize(8);
        assertThat(all.get("page_size").asInt()).isEqualTo(50);
        assertThat(all.get("next_page_uri").isNull()).isTrue();
        JsonNode byFrom = MAPPER.readTree(send("GET", MESSAGES + "?From=%2B4500000000", null, SID, TOKEN).body());
        assertThat(byFrom.get("messages")).isEmpty();
    }

    @Test
    void filtersOnDateSent() throws Exception {
        sim.laml().statusDelay(Duration.ofMillis(10));
        post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(SID).messages().get(0).dateSent() != null);
        LocalDate sentOn = LocalDate.ofInstant(sim.laml().account(SID).messages().get(0).dateSent(), ZoneOffset.UTC);

        JsonNode sameDay = MAPPER.readTree(send("GET", MESSAGES + "?DateSent=" + sentOn, null, SID, TOKEN).body());
        JsonNode otherDay = MAPPER.readTree(send("GET", MESSAGES + "?DateSent=" + sentOn.minusDays(1), null, SID,
                TOKEN).body());

        assertThat(sameDay.get("messages")).hasSize(1);
        assertThat(sameDay.get("uri").asText()).isEqualTo(MESSAGES + "?DateSent=" + sentOn + "&PageSize=50&Page=0");
        assertThat(otherDay.get("messages")).isEmpty();
    }

    @Test
    void progressesToDeliveredThenFetchesAndDeletes() throws Exception {
        sim.laml().statusDelay(Duration.ofMillis(10));
        String sid = createdSid("+4522334488");
        String path = "/Accounts/" + SID + "/Messages/" + sid + ".json";

        await().atMost(Duration.ofSeconds(5)).until(() -> "delivered".equals(sim.laml().account(SID).messages()
                .get(0).status()));
        HttpResponse<String> fetched = send("GET", path, null, SID, TOKEN);
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(fetched.body());
        assertThat(json.get("sid").asText()).isEqualTo(sid);
        assertThat(json.get("status").asText()).isEqualTo("delivered");
        assertThat(json.get("price").asText()).isEqualTo("-0.00750");
        assertThat(json.get("date_sent").asText()).endsWith("+0000");
        assertThat(json.get("error_code").isNull()).isTrue();

        HttpResponse<String> deleted = send("DELETE", path, null, SID, TOKEN);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(sim.laml().account(SID).messages()).isEmpty();
        assertThat(MAPPER.readTree(send("GET", path, null, SID, TOKEN).body()).get("code").asInt()).isEqualTo(20404);
        HttpResponse<String> again = send("DELETE", path, null, SID, TOKEN);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(again.body()).get("code").asInt()).isEqualTo(20404);
    }

    @Test
    void endsUndeliveredForTheFailingPrefix() {
        sim.laml().statusDelay(Duration.ofMillis(10));
        post(MESSAGES, "To", "+4599887766", "From", FROM, "Body", "x");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sim.laml().account(SID).messages())
                .singleElement().satisfies(m -> {
                    assertThat(m.status()).isEqualTo("undelivered");
                    assertThat(m.errorCode()).isEqualTo(30003);
                    assertThat(m.dateSent()).isNotNull();
                }));
    }

    @Test
    void fetchOfAnUnknownMessageIs404() throws Exception {
        HttpResponse<String> response = send("GET", "/Accounts/" + SID + "/Messages/SM"
                                                    + "0".repeat(32) + ".json", null, SID, TOKEN);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("code").asInt()).isEqualTo(20404);
        assertThat(json.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void cannotDeleteAQueuedMessage() throws Exception {
        sim.laml().statusDelay(Duration.ofMinutes(5));
        String sid = createdSid("+4522334488");

        HttpResponse<String> response = send("DELETE", "/Accounts/" + SID + "/Messages/" + sid + ".json", null, SID,
                TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).get("code").asInt()).isEqualTo(20009);
        assertThat(sim.laml().account(SID).messages()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo("queued"));
    }

    @Test
    void redactsTheBody() throws Exception {
        String sid = createdSid("+4522334488");

        HttpResponse<String> response = post("/Accounts/" + SID + "/Messages/" + sid + ".json", "Body", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("body").asText()).isEmpty();
        assertThat(sim.laml().account(SID).messages().get(0).body()).isEmpty();
    }

    @Test
    void postsSignedStatusCallbacks() throws Exception {
        sim.laml().statusDelay(Duration.ofMillis(20));
        List<Callback> received = new CopyOnWriteArrayList<>();
        HttpServer server = callbackServer(received);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/status?tag=a%20b";
            HttpResponse<String> delivered = post(MESSAGES, "To", "+4522334488", "From", FROM, "Body", "x",
                    "StatusCallback", url);
            HttpResponse<String> failed = post(MESSAGES, "To", "+4599887766", "From", FROM, "Body", "y",
                    "StatusCallback", url);
            String deliveredSid = MAPPER.readTree(delivered.body()).get("sid").asText();
            String failedSid = MAPPER.readTree(failed.body()).get("sid").asText();

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);

            for (Callback callback : received) {
                assertThat(callback.path()).isEqualTo("/status");
                assertThat(callback.query()).isEqualTo("tag=a%20b");
                assertThat(callback.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
                Map<String, String> params = singleValues(RecordedRequest.parseParams(callback.body()));
                String signature = LamlSignature.sign(TOKEN, url, params);
                assertThat(callback.headers().get("x-twilio-signature")).isEqualTo(signature);
                assertThat(callback.headers()).doesNotContainKey("x-signalwire-signature");
                assertThat(params).containsEntry("AccountSid", SID).containsEntry("From", FROM)
                        .containsEntry("ApiVersion", "2010-04-01")
                        .containsEntry("SmsSid", params.get("MessageSid"))
                        .containsEntry("SmsStatus", params.get("MessageStatus"));
            }
            assertThat(statuses(received, deliveredSid)).containsExactlyInAnyOrder("sent", "delivered");
            assertThat(statuses(received, failedSid)).containsExactlyInAnyOrder("sent", "undelivered");
            assertThat(received).map(c -> singleValues(RecordedRequest.parseParams(c.body())))
                    .filteredOn(p -> p.get("MessageStatus").equals("undelivered")).singleElement()
                    .satisfies(p -> {
                        assertThat(p).containsEntry("ErrorCode", "30003").containsEntry("To", "+4599887766");
                    });
            assertThat(received).map(c -> singleValues(RecordedRequest.parseParams(c.body())))
                    .filteredOn(p -> !p.get("MessageStatus").equals("undelivered"))
                    .allSatisfy(p -> assertThat(p).doesNotContainKey("ErrorCode"));
            assertThat(sim.callbacks()).hasSize(4).allSatisfy(c -> {
                assertThat(c.path()).isEqualTo("/status");
                assertThat(c.header("X-Twilio-Signature")).isNotBlank();
            });
        } finally {
            server.stop(0);
        }
    }

    /**
     * Twilio's documented example (auth token 12345). The signature GvWf1cFY/Q7PnoempGyD5oXAezc= goes with Caller and
     * From +14158675310; with +12349013030 (an older version of the same page) the signature is
     * 0/KCTR6DLpKmkAf8muzZqo1nDgQ=, and twilio-java's RequestValidatorTest pairs +14158675309 with
     * RSOYDt4T1cUTdK1PDd93/VVr8B8=.
     */
    @ParameterizedTest
    @CsvSource({
            "+14158675310, GvWf1cFY/Q7PnoempGyD5oXAezc=",
            "+12349013030, 0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
            "+14158675309, RSOYDt4T1cUTdK1PDd93/VVr8B8=" })
    void signsTheDocumentedExample(String caller, String signature) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("To", "+18005551212");
        params.put("From", caller);
        params.put("Digits", "1234");
        params.put("Caller", caller);
        params.put("CallSid", "CA1234567890ABCDE");

        assertThat(LamlSignature.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
                .isEqualTo(signature);
    }

    // helpers

    // per provider (provider-apis.md section 4)

    private static final String TWILIO = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String MYCPAAS = "/api/laml/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String PROJECT = "ea108133-d6b3-407c-9536-9fad8a929a6a";
    private static final String SIGNING_KEY = "PSK_signing-key";
    private static final String SIGNALWIRE = "/api/laml/2010-04-01/Accounts/" + PROJECT + "/Messages.json";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";

    private HttpResponse<String> postAs(String user, String password, String path, String... nameValues) {
        return send("POST", path, form(nameValues), user, password);
    }

    private static int code(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body()).get("code").asInt();
    }

    @Test
    void twilioSchedulesOnlyThroughAMessagingServiceInsideTheWindow() throws Exception {
        sim.laml().account(SID).messagingService(SERVICE, FROM);
        String in2h = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String in5min = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();

        assertThat(code(post(TWILIO, "To", "+4522334488", "From", FROM, "Body", "x", "ScheduleType", "fixed",
                "SendAt", in2h))).isEqualTo(35118);
        assertThat(code(post(TWILIO, "To", "+4522334488", "MessagingServiceSid", SERVICE, "Body", "x",
                "ScheduleType", "fixed", "SendAt", in5min))).isEqualTo(35115);
        assertThat(code(post(TWILIO, "To", "+4522334488", "MessagingServiceSid", SERVICE, "Body", "x",
                "ScheduleType", "later", "SendAt", in2h))).isEqualTo(35111);
        assertThat(code(post(TWILIO, "To", "+4522334488", "MessagingServiceSid", "MG" + "f".repeat(32), "Body",
                "x"))).isEqualTo(21701);
        assertThat(sim.laml().account(SID).messages()).isEmpty();

        HttpResponse<String> scheduled = post(TWILIO, "To", "+4522334488", "MessagingServiceSid", SERVICE, "Body",
                "x", "ScheduleType", "fixed", "SendAt", in2h);
        assertThat(scheduled.statusCode()).isEqualTo(201);
        JsonNode json = MAPPER.readTree(scheduled.body());
        assertThat(json.get("status").asText()).isEqualTo("scheduled");
        assertThat(json.get("messaging_service_sid").asText()).isEqualTo(SERVICE);
        assertThat(json.get("from").asText()).isEqualTo(FROM);
        assertThat(json.get("uri").asText()).startsWith("/2010-04-01/Accounts/" + SID + "/Messages/SM");
        String sid = json.get("sid").asText();
        Thread.sleep(150); // several status delays: a scheduled message is not sent before SendAt
        assertThat(sim.laml().account(SID).messages().get(0).status()).isEqualTo("scheduled");

        String one = "/2010-04-01/Accounts/" + SID + "/Messages/" + sid + ".json";
        HttpResponse<String> canceled = post(one, "Status", "canceled");
        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(canceled.body()).get("status").asText()).isEqualTo("canceled");
        assertThat(post(one, "Status", "canceled").statusCode()).isEqualTo(400);
    }

    @Test
    void mycpaasAndSignalWireTakeOnlyTheirDocumentedSenders() throws Exception {
        sim.laml().addSignalWireProject(PROJECT, "PT-token", SIGNING_KEY);
        assertThat(post(TWILIO, "To", "+4522334488", "From", "MyShop", "Body", "x").statusCode()).isEqualTo(201);
        assertThat(post(TWILIO, "To", "whatsapp:+4522334488", "From", "whatsapp:" + FROM, "Body", "x").statusCode())
                .isEqualTo(201);
        assertThat(code(post(MYCPAAS, "To", "+4522334488", "From", "MyShop", "Body", "x"))).isEqualTo(21212);
        assertThat(code(postAs(PROJECT, "PT-token", SIGNALWIRE, "To", "+4522334488", "From", "MyShop", "Body", "x")))
                .isEqualTo(21212);
        assertThat(postAs(PROJECT, "PT-token", SIGNALWIRE, "To", "+4522334488", "From", "12345", "Body", "x")
                .statusCode()).isEqualTo(201);
        assertThat(code(post(TWILIO, "To", "+4522334488", "From", FROM, "Body", "x", "ValidityPeriod", "36001")))
                .isEqualTo(21624);
        assertThat(postAs(PROJECT, "PT-token", SIGNALWIRE, "To", "+4522334488", "From", FROM, "Body", "x",
                "ValidityPeriod", "172800").statusCode()).isEqualTo(201);
        // a SignalWire project is not a Twilio account
        assertThat(send("GET", "/2010-04-01/Accounts/" + PROJECT + "/Messages.json", null, PROJECT, "PT-token")
                .statusCode()).isEqualTo(401);
        // Twilio has a Balance resource; mycpaas documents none
        HttpResponse<String> balance = send("GET", "/2010-04-01/Accounts/" + SID + "/Balance.json", null, SID, TOKEN);
        assertThat(MAPPER.readTree(balance.body()).get("currency").asText()).isEqualTo("USD");
        assertThat(send("GET", "/api/laml/2010-04-01/Accounts/" + SID + "/Balance.json", null, SID, TOKEN)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void signalWireHasUuidSidsAndSignsWithItsSigningKey() throws Exception {
        sim.laml().addSignalWireProject(PROJECT, "PT-token", SIGNING_KEY);
        sim.laml().statusDelay(Duration.ofMillis(20));
        List<Callback> received = new CopyOnWriteArrayList<>();
        HttpServer server = callbackServer(received);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sw";
            HttpResponse<String> created = postAs(PROJECT, "PT-token", SIGNALWIRE, "To", "+4522334488", "From", FROM,
                    "Body", "x", "StatusCallback", url);
            JsonNode json = MAPPER.readTree(created.body());
            assertThat(json.get("sid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(json.get("account_sid").asText()).isEqualTo(PROJECT);
            assertThat(json.get("uri").asText()).startsWith("/api/laml/2010-04-01/Accounts/" + PROJECT + "/Messages/");

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            for (Callback callback : received) {
                Map<String, String> params = singleValues(RecordedRequest.parseParams(callback.body()));
                String signature = LamlSignature.sign(SIGNING_KEY, url, params);
                assertThat(callback.headers().get("x-signalwire-signature")).isEqualTo(signature);
                assertThat(callback.headers().get("x-twilio-signature")).isEqualTo(signature);
                assertThat(signature).isNotEqualTo(LamlSignature.sign("PT-token", url, params));
                assertThat(params).containsEntry("AccountSid", PROJECT).containsEntry("MessageSid",
                        json.get("sid").asText());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void webhooksCanComeAsGetOrJsonSignedOverTheUrl() throws Exception {
        sim.laml().statusDelay(Duration.ofMillis(20));
        List<Callback> received = new CopyOnWriteArrayList<>();
        HttpServer server = callbackServer(received);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/in?tag=1";
            sim.laml().webhookStyle(LamlSimulation.WebhookStyle.GET);
            LamlSimulation.InboundAnswer get = sim.laml().deliverInbound(url, SID, "+4522334488", FROM, "Hi there");
            assertThat(get.status()).isEqualTo(200);
            Callback viaGet = received.get(0);
            assertThat(viaGet.body()).isEmpty();
            Map<String, String> query = singleValues(RecordedRequest.parseParams(viaGet.query()));
            assertThat(query).containsEntry("tag", "1").containsEntry("Body", "Hi there").containsEntry("AccountSid", SID);
            String fullUrl = url.substring(0, url.indexOf('?')) + "?" + viaGet.query();
            assertThat(viaGet.headers().get("x-twilio-signature")).isEqualTo(LamlSignature.sign(TOKEN, fullUrl, Map.of()));
            assertThat(sim.callbacks().get(0).method()).isEqualTo("GET");

            sim.laml().webhookStyle(LamlSimulation.WebhookStyle.JSON_POST);
            sim.laml().deliverInbound(url, SID, "+4522334488", FROM, "Hi again");
            Callback viaJson = received.get(1);
            assertThat(viaJson.headers().get("content-type")).startsWith("application/json");
            JsonNode body = MAPPER.readTree(viaJson.body());
            assertThat(body.get("Body").asText()).isEqualTo("Hi again");
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(viaJson.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(viaJson.query()).isEqualTo("tag=1&bodySHA256=" + sha256);
            assertThat(viaJson.headers().get("x-twilio-signature"))
                    .isEqualTo(LamlSignature.sign(TOKEN, url + "&bodySHA256=" + sha256, Map.of()));
        } finally {
            server.stop(0);
        }
    }

    private String createdSid(String to) throws IOException {
        HttpResponse<String> response = post(MESSAGES, "To", to, "From", FROM, "Body", "x");
        assertThat(response.statusCode()).isEqualTo(201);
        return MAPPER.readTree(response.body()).get("sid").asText();
    }

    private HttpResponse<String> post(String path, String... nameValues) {
        return send("POST", path, form(nameValues), SID, TOKEN);
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String form, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (form != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
        }
        builder.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String... nameValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private static HttpServer callbackServer(List<Callback> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Callback(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                        headers, body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }

    private static Map<String, String> singleValues(Map<String, List<String>> params) {
        Map<String, String> single = new LinkedHashMap<>();
        params.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    private static List<String> statuses(List<Callback> received, String messageSid) {
        return received.stream().map(c -> singleValues(RecordedRequest.parseParams(c.body())))
                .filter(p -> messageSid.equals(p.get("MessageSid"))).map(p -> p.get("MessageStatus")).toList();
    }
}
