package io.github.camelsms.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.github.camelsms.sms.simulator.LamlSignature;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.test.AvailablePortFinder;

/**
 * A test with a real platform-http server (the camel-main one, on Vert.x) on a free loopback port, so consumers
 * receive webhooks over HTTP.
 */
public abstract class WebhookTestSupport extends SmsTestSupport {

    /** The LaML test account of SmsTestSupport, whose auth token signs its webhooks. */
    protected static final String ACCOUNT_SID = LAML_SID;
    protected static final String AUTH_TOKEN = LAML_TOKEN;
    protected static final String WEBHOOK_VERIFY_TOKEN = "CbT0ken-1f2e3d";
    /** A SignalWire project's Signing Key (secretKey option), which signs its webhooks instead of the API token. */
    protected static final String SIGNING_KEY = "PSKsw1gn1ngKey-9a8b7c";

    protected final int port = AvailablePortFinder.getNextAvailable();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected WebhookTestSupport() {
        sim.laml().statusDelay(Duration.ofMillis(20));
        sim.cpsms().callbackDelay(Duration.ofMillis(20));
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost("127.0.0.1");
        server.setPort(port);
        context.addService(server, true, true);
        return context;
    }

    /** The URL of a path on the test's platform-http server. */
    protected String local(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    /** Posts a form, with the headers given, to the URL and returns the answer. */
    protected HttpResponse<String> post(String url, Map<String, String> form, Map<String, String> headers)
            throws Exception {
        return post(url, form, headers, Duration.ofSeconds(10));
    }

    /** Posts a form, with the headers given, and waits for the answer at most the timeout given. */
    protected HttpResponse<String> post(String url, Map<String, String> form, Map<String, String> headers,
            Duration timeout) throws Exception {
        return client.send(formPost(url, form, headers, timeout), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a signed form without waiting: the future fails when no answer came within the timeout given. */
    protected CompletableFuture<HttpResponse<String>> postSignedAsync(String url, Map<String, String> form,
            String authToken, Duration timeout) {
        HttpRequest request = formPost(url, form,
                Map.of("X-Twilio-Signature", LamlSignature.sign(authToken, url, form)), timeout);
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest formPost(String url, Map<String, String> form, Map<String, String> headers,
            Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** Posts a form signed with the auth token over the URL, as the LaML providers do. */
    protected HttpResponse<String> postSigned(String url, Map<String, String> form, String authToken)
            throws Exception {
        return postSigned(url, form, authToken, Duration.ofSeconds(10));
    }

    /** Posts a signed form and waits for the answer at most the timeout given. */
    protected HttpResponse<String> postSigned(String url, Map<String, String> form, String authToken,
            Duration timeout) throws Exception {
        return post(url, form, Map.of("X-Twilio-Signature", LamlSignature.sign(authToken, url, form)), timeout);
    }

    protected HttpResponse<String> get(String url) throws Exception {
        return get(url, Map.of());
    }

    /** A GET with the headers given. */
    protected HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        return get(url, headers, Duration.ofSeconds(10));
    }

    /** A GET with the headers given that waits for the answer at most the timeout given. */
    protected HttpResponse<String> get(String url, Map<String, String> headers, Duration timeout) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(builder::header);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts an application/json body, with the headers given. */
    protected HttpResponse<String> postJson(String url, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(builder::header);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Twilio/mycpaas message sid: SM followed by 32 hex digits (the number n in hex). */
    protected static String sid(int n) {
        return String.format("SM%032x", n);
    }

    protected static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
