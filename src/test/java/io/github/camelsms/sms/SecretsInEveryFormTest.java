package io.github.camelsms.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.nio.file.Path;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.http.SmsRedactor;
import io.github.camelsms.sms.simulator.TwilioOpenApi;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 1: no form of any secret (raw, Basic and Proxy-Authorization values, URL-encoded, JSON-escaped) in an
 * exception, its causes, the kept body and headers, a toString, a health detail or any log line, against loopback
 * servers that echo what they received, over http and https and through an authenticating CONNECT proxy. The last test
 * runs every error path of items 1 and 4 to 7 with every logger at TRACE, Apache HttpClient's header and wire loggers
 * included.
 */
@Timeout(60)
class SecretsInEveryFormTest extends CamelTestSupport {

    private static final String USER = "tester";
    private static final String API_KEY = "k3y/Sup3r+S3cret=9&x";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "t0ken/LaML+s3cret=7";
    private static final String VERIFY_TOKEN = "v3rify/T0ken+w1th=signs";
    private static final String PROXY_USER = "proxyuser";
    private static final String PROXY_PASSWORD = "Pr0xy/Pass+w0rd=1";
    private static final String SIGNING_KEY = "PSK_s1gning/K3y+w=5";

    /** Answers with whatever the current responder makes of the request. */
    record Request(String method, String uri, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }
    }

    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }
    }

    @TempDir
    static Path keys;
    private static TlsLoopback tls;

    private HttpServer server;
    private HttpsServer httpsServer;
    private volatile Function<Request, Reply> responder = r -> Reply.json(200, "{}");
    private final List<Request> received = new ArrayList<>();
    private final List<String> specViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void createKeys() throws Exception {
        tls = TlsLoopback.create(keys);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        httpsServer = tls.start(this::handle);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        httpsServer.stop(0);
        // Twilio's OpenAPI spec is the oracle for every LaML request, also those this echoing stub receives
        assertThat(specViolations).as("LaML requests that do not conform to Twilio's OpenAPI spec").isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
        String path = exchange.getRequestURI().getPath();
        if (TwilioOpenApi.isLamlPath(path)) {
            specViolations.addAll(TwilioOpenApi.get().violations(request.method(), path,
                    exchange.getRequestURI().getRawQuery(), headers, body));
        }
        synchronized (received) {
            received.add(request);
        }
        Reply reply = responder.apply(request);
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    protected void doPostSetup() throws Exception {
        // credentials on the component, as the README says: no secret in any endpoint URI Camel prints
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setUsername(USER);
        defaults.setApiKey(API_KEY);
        defaults.setAccountSid(SID);
        defaults.setAuthToken(TOKEN);
        defaults.setWebhookVerifyToken(VERIFY_TOKEN);
        defaults.setProxyAuthPassword(PROXY_PASSWORD);
        defaults.setSecretKey(SIGNING_KEY);
        defaults.setRetryDelay(5);
        context.getRegistry().bind("tls", tls.clientParameters());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sms").toD("${header.smsUri}");
            }
        });
    }

    private String cpsms(String operation, String... options) {
        return "sms:cpsms/" + operation + "?baseUrl=" + base() + (options.length > 0 ? "&" + String.join("&", options)
                : "");
    }

    private String twilio(String operation, String... options) {
        return "sms:twilio/" + operation + "?baseUrl=" + base() + (operation.equals("send") ? "&from=RAW(+4570200000)" : "")
               + (options.length > 0 ? "&" + String.join("&", options) : "");
    }

    /** Runs the URI through a route (so Camel's error handler logs the failure) and returns the exception. */
    private SmsException fail(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = template.send("direct:sms", e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
            e.getMessage().setHeader("smsUri", uri);
        });
        assertThat(exchange.getException()).as(uri).isInstanceOf(SmsException.class);
        return (SmsException) exchange.getException();
    }

    // every form a secret travels in, computed here independently of the component

    private static String basic(String user, String secret) {
        return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private static Set<String> forms() {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : List.of(API_KEY, TOKEN, VERIFY_TOKEN, PROXY_PASSWORD, SIGNING_KEY, basic(USER, API_KEY),
                basic(SID, TOKEN), basic(PROXY_USER, PROXY_PASSWORD))) {
            String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String v : List.of(value, url, url.replace("+", "%20"), URLEncoder.encode(url, StandardCharsets.UTF_8))) {
                forms.add(v);
                forms.add(json(v));
                forms.add(json(v).replace("/", "\\/"));
            }
        }
        return forms;
    }

    private static void assertNoSecret(String where, Collection<String> texts) {
        Set<String> forms = forms();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String form : forms) {
                assertThat(text).as("%s leaks %s", where, form).doesNotContain(form);
            }
        }
    }

    /** Everything an application can see of a failure. */
    private static List<String> exposed(SmsException e) {
        List<String> texts = new ArrayList<>();
        texts.add(e.getMessage());
        texts.add(e.toString());
        texts.add(e.getResponseBody());
        texts.add(String.valueOf(e.getResponseHeaders()));
        texts.add(e.getFailure().toString());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            texts.add(t.toString());
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
        if (e instanceof SmsPartialFailureException p) {
            texts.add(String.valueOf(p.getResult()));
        }
        return texts;
    }

    // the attacks

    private static String authorizationEcho(Request r) {
        return "{\"error\":{\"code\":%d,\"message\":\"rejected " + json(r.header("Authorization")) + " for "
               + json(r.body()) + "\"}}";
    }

    private SmsException echoAuthorizationIn(int status) {
        responder = r -> Reply.json(status, authorizationEcho(r).formatted(status));
        return fail(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));
    }

    private SmsException echoJsonEscapedKey() {
        // the decoded user:key, JSON-escaped with \/ as PHP's json_encode writes it
        responder = r -> {
            String decoded = new String(Base64.getDecoder().decode(r.header("Authorization").substring(6)),
                    StandardCharsets.UTF_8);
            return Reply.json(400, "{\"error\":{\"code\":400,\"message\":\"bad credentials "
                                   + json(decoded).replace("/", "\\/") + "\"}}");
        };
        return fail(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));
    }

    private SmsException echoRequestBody(String uri) {
        // a 400 that prints the request back: dlr_url / StatusCallback carry webhookVerifyToken
        responder = r -> new Reply(400, Map.of("Content-Type", "text/plain"), "Bad request: " + r.body()
                                                                               + " / " + json(r.body()), 0);
        return fail(uri, "Hi", Map.of(SmsConstants.TO, "+4522334488",
                SmsConstants.CALLBACK_URL, "https://example.com/dlr"));
    }

    private Reply headerEcho(Request r) {
        String auth = r.header("Authorization");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("WWW-Authenticate", "Basic realm=\"" + auth.substring(6) + "\"");
        headers.put("Location", base() + "/login?key=" + URLEncoder.encode(API_KEY, StandardCharsets.UTF_8));
        headers.put("X-Echo", auth);
        headers.put("X-Raw-Key", API_KEY);
        return new Reply(401, headers, "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}", 0);
    }

    private SmsException echoInHeaders() {
        responder = this::headerEcho;
        return fail(cpsms("credit"), null, Map.of());
    }

    private String cpsmsOverHttps(String operation, String... options) {
        return "sms:cpsms/" + operation + "?baseUrl=https://127.0.0.1:" + httpsServer.getAddress().getPort()
               + "&sslContextParameters=#tls" + (options.length > 0 ? "&" + String.join("&", options) : "");
    }

    /** Over https the TLS layer decrypts above the socket: what HttpClient logs of the answer must still be masked. */
    private SmsException echoInHeadersOverHttps() {
        responder = this::headerEcho;
        SmsException e = fail(cpsmsOverHttps("credit"), null, Map.of());
        assertThat(e.getStatusCode()).isEqualTo(401);
        return e;
    }

    /** https through a proxy that wants credentials: HttpClient answers the challenge with its own CONNECT. */
    private SmsException echoInHeadersThroughAnAuthenticatingTunnel() throws IOException {
        responder = this::headerEcho;
        try (TlsLoopback.ConnectProxy proxy = new TlsLoopback.ConnectProxy()) {
            SmsException e = fail(cpsmsOverHttps("credit", "proxyHost=127.0.0.1", "proxyPort=" + proxy.port(),
                    "proxyAuthUsername=" + PROXY_USER), null, Map.of());
            assertThat(e.getStatusCode()).isEqualTo(401);
            assertThat(proxy.proxyAuthorizations()).contains("Basic " + basic(PROXY_USER, PROXY_PASSWORD));
            return e;
        }
    }

    private SmsException echoFromAProxy() {
        // a proxy stub: challenges, then answers 407 with the Proxy-Authorization it got
        responder = r -> {
            String proxyAuth = r.header("Proxy-Authorization");
            if (proxyAuth.isEmpty()) {
                return new Reply(407, Map.of("Proxy-Authenticate", "Basic realm=\"proxy\""), "", 0);
            }
            return new Reply(407, Map.of("Proxy-Authenticate", "Basic realm=\"proxy\"", "X-Echo", proxyAuth,
                    "Content-Type", "text/plain"), "Proxy refused " + proxyAuth + " " + json(proxyAuth), 0);
        };
        return fail("sms:cpsms/send?baseUrl=http://127.0.0.1:9/v2&proxyHost=127.0.0.1&proxyPort="
                    + server.getAddress().getPort() + "&proxyAuthUsername=" + PROXY_USER,
                "Hi", Map.of(SmsConstants.TO, "4522334488"));
    }

    /**
     * Issue 10 item 7's path: a CamelContext of its own (same secrets on its component) stops with a one-second
     * shutdown timeout while a fan-out's requests hang on a server that would echo the credentials.
     */
    private SmsException forcedStopInTheMiddleOfAFanOut() throws Exception {
        responder = r -> new Reply(201, Map.of("Content-Type", "application/json", "X-Echo", r.header("Authorization")),
                "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\",\"to\":\"+4522334488\","
                + "\"from\":\"+4570200000\",\"account_sid\":\"" + SID + "\",\"echo\":\""
                + json(r.header("Authorization")) + "\"}", 3000);
        int before = received.size();
        CamelContext stopping = new DefaultCamelContext();
        SmsComponent component = new SmsComponent();
        component.setConfiguration(context.getComponent("sms", SmsComponent.class).getConfiguration().copy());
        stopping.addComponent("sms", component);
        stopping.getShutdownStrategy().setTimeout(1);
        stopping.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        stopping.start();
        AsyncProducer producer = stopping.getEndpoint(twilio("send", "maxConcurrentRequests=2")).createAsyncProducer();
        producer.start();
        Exchange exchange = new DefaultExchange(stopping);
        exchange.getMessage().setBody("Hi");
        exchange.getMessage().setHeader(SmsConstants.TO, List.of("+4522334488", "+4522334489", "+4522334490"));
        CountDownLatch ended = new CountDownLatch(1);
        producer.process(exchange, doneSync -> ended.countDown());
        while (received.size() < before + 2) {
            Thread.sleep(5);
        }
        stopping.stop();
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the exchange ended").isTrue();
        assertThat(exchange.getException()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getResult().getRecipients()).extracting(io.github.camelsms.sms.model.SmsRecipientResult::getStatus)
                .containsExactly("in-doubt", "in-doubt", io.github.camelsms.sms.model.SmsRecipientResult.NOT_SENT);
        return e;
    }

    /** Issue 10 item 6's path: one recipient of a fan-out gets an unreadable 201 that echoes the credentials. */
    private SmsException unreadableCreatedForOneRecipient() {
        responder = r -> r.body().contains("4522334499")
                ? new Reply(201, Map.of("Content-Type", "text/html"), "<html>created " + r.header("Authorization")
                                                                        + " " + r.body() + "</html>", 0)
                : Reply.json(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"account_sid\":\"" + SID
                                  + "\",\"to\":\"+4522334488\",\"from\":\"+4570200000\",\"status\":\"queued\"}");
        SmsException e = fail(twilio("send", "failOnPartialFailure=true"), "hi",
                Map.of(SmsConstants.TO, List.of("+4522334488", "+4522334499")));
        assertThat(e).isInstanceOf(SmsPartialFailureException.class);
        assertThat(((SmsPartialFailureException) e).getResult().getRecipients())
                .extracting(io.github.camelsms.sms.model.SmsRecipientResult::getStatus)
                .containsExactly("queued", "in-doubt");
        return e;
    }

    private SmsException slowCreateGroup() {
        responder = r -> new Reply(201, Map.of("Content-Type", "application/json", "X-Echo", r.header("Authorization")),
                "{\"groupId\":1,\"groupName\":\"Ops\"}", 600);
        return fail(cpsms("createGroup", "responseTimeout=150"), null, Map.of(SmsConstants.GROUP_NAME, "Ops"));
    }

    private SmsException foreignNextPage() {
        responder = r -> Reply.json(200, "{\"messages\":[],\"next_page_uri\":\"http://127.0.0.1:9/steal?t="
                                         + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "&raw=" + json(TOKEN)
                                         + "\"}");
        return fail(twilio("listMessages"), null, Map.of());
    }

    private SmsException sameOriginNextPageCarryingATokenThenA500() {
        // a provider that puts a secret into its own next-page URL: followed (same origin), but never printed
        responder = r -> r.uri().contains("Page=1")
                ? Reply.json(500, "{\"code\":20500,\"message\":\"Internal error\"}")
                : Reply.json(200, "{\"messages\":[],\"next_page_uri\":\"/Accounts/" + SID + "/Messages.json?Page=1&t="
                                  + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "\"}");
        return fail(twilio("listMessages", "retryAttempts=1"), null, Map.of());
    }

    private HealthCheck.Result healthDownWithAnEchoingServer() throws Exception {
        responder = r -> Reply.json(401, authorizationEcho(r).formatted(401));
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        producers.setEnabled(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:health").to(cpsms("send"));
            }
        });
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:sms-")).findFirst().orElseThrow();
    }

    private static List<String> exposed(HealthCheck.Result result) {
        return List.of(String.valueOf(result.getMessage()), String.valueOf(result.getDetails()),
                String.valueOf(result.getError()), result.toString());
    }

    @Test
    void anEchoedAuthorizationHeaderIsRedactedIn401And500() {
        for (int status : List.of(401, 500)) {
            SmsException e = echoAuthorizationIn(status);
            assertThat(e.getStatusCode()).isEqualTo(status);
            assertThat(e.getResponseBody()).contains(SmsRedactor.MASK);
            assertNoSecret("HTTP " + status, exposed(e));
        }
    }

    @Test
    void aJsonEscapedKeyWithASlashIsRedacted() {
        SmsException e = echoJsonEscapedKey();
        assertThat(e.getResponseBody()).contains(SmsRedactor.MASK);
        assertNoSecret("JSON-escaped", exposed(e));
    }

    @Test
    void anEchoedRequestBodyDoesNotCarryTheWebhookVerifyToken() {
        SmsException cpsms = echoRequestBody(cpsms("send"));
        assertThat(received.get(0).body()).contains("webhookVerifyToken"); // it was there to be echoed
        assertNoSecret("cpsms 400", exposed(cpsms));
        SmsException laml = echoRequestBody(twilio("send"));
        assertThat(laml.getResponseBody()).contains("StatusCallback");
        assertNoSecret("twilio 400", exposed(laml));
    }

    @Test
    void theSigningKeyIsRedactedThoughNoRequestCarriesIt() {
        responder = r -> Reply.json(500, "{\"code\":20500,\"message\":\"project signing key " + SIGNING_KEY
                                         + " / " + URLEncoder.encode(SIGNING_KEY, StandardCharsets.UTF_8) + "\"}");
        SmsException e = fail(twilio("send"), "hi", Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(e.getResponseBody()).contains("project signing key " + SmsRedactor.MASK);
        assertNoSecret("signing key", exposed(e));
    }

    @Test
    void responseHeadersAreRedactedEveryOne() {
        SmsException e = echoInHeaders();
        Map<String, String> headers = new LinkedHashMap<>();
        e.getResponseHeaders().forEach((name, value) -> headers.put(name.toLowerCase(), value));
        assertThat(headers).containsKeys("www-authenticate", "location", "x-echo", "x-raw-key");
        // masked as it was read (same length, so HttpClient's header log never saw it), then by the redactor
        assertThat(headers.get("x-raw-key")).matches("\\*{4,}");
        assertNoSecret("headers", exposed(e));
    }

    @Test
    void overHttpsAnAnswerEchoingTheCredentialsInItsHeadersLeavesThemOutOfHttpClientsHeaderLog() {
        try (LogCapture log = new LogCapture(true)) {
            SmsException e = echoInHeadersOverHttps();
            assertThat(received).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Basic " + basic(USER, API_KEY)));
            // the headers logger printed the echoing answer, with the echoes masked
            assertThat(log.texts("org.apache.hc.client5.http.headers"))
                    .anySatisfy(line -> assertThat(line).containsIgnoringCase("X-Echo: Basic *"))
                    .anySatisfy(line -> assertThat(line).containsIgnoringCase("X-Raw-Key: *"));
            assertNoSecret("https log", log.everything());
            assertNoSecret("https", exposed(e));
        }
    }

    /** A 401 whose X-Echo header repeats the Authorization value, split in two reads in the middle of the value. */
    private SmsException echoSplitAcrossTwoReads(boolean overTls) throws IOException {
        try (TlsLoopback.SplitAnswerServer split = new TlsLoopback.SplitAnswerServer(overTls ? tls : null, head -> {
            String auth = head.stream().filter(l -> l.toLowerCase().startsWith("authorization:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("none");
            String body = "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}";
            return List.of("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nX-Echo: " + auth.substring(0, 14),
                    auth.substring(14) + "\r\nX-Raw-Key: " + API_KEY.substring(0, 3),
                    API_KEY.substring(3) + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        })) {
            String uri = "sms:cpsms/credit?baseUrl=" + (overTls ? "https" : "http") + "://127.0.0.1:" + split.port()
                         + (overTls ? "&sslContextParameters=#tls" : "");
            SmsException e = fail(uri, null, Map.of());
            assertThat(e.getStatusCode()).isEqualTo(401);
            return e;
        }
    }

    /**
     * A 401 whose headers fold the echoed Authorization value and the raw key over two lines (obsolete line folding,
     * which HttpClient joins with a space): the fold must not hide the secret from the masking.
     */
    private SmsException echoFoldedOverTwoHeaderLines() throws IOException {
        try (TlsLoopback.SplitAnswerServer folding = new TlsLoopback.SplitAnswerServer(null, head -> {
            String auth = head.stream().filter(l -> l.toLowerCase().startsWith("authorization:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("none");
            String body = "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}";
            return List.of("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nX-Echo: "
                           + auth.substring(0, 14) + "\r\n  " + auth.substring(14) + "\r\nX-Raw-Key: "
                           + API_KEY.substring(0, 5) + "\r\n\t" + API_KEY.substring(5) + "\r\nContent-Length: "
                           + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        })) {
            SmsException e = fail("sms:cpsms/credit?baseUrl=http://127.0.0.1:" + folding.port(), null, Map.of());
            assertThat(e.getStatusCode()).isEqualTo(401);
            return e;
        }
    }

    @Test
    void aSecretFoldedOverTwoHeaderLinesIsMaskedBeforeHttpClientJoinsThem() throws IOException {
        try (LogCapture log = new LogCapture(true)) {
            SmsException e = echoFoldedOverTwoHeaderLines();
            List<String> headerLines = log.texts("org.apache.hc.client5.http.headers");
            assertThat(headerLines).anySatisfy(line -> assertThat(line).contains("X-Echo: Basic *"))
                    .anySatisfy(line -> assertThat(line).contains("X-Raw-Key: *"));
            // HttpClient joined each folded line with a space: no secret may remain once the spaces are gone
            assertNoSecret("folded", headerLines.stream().map(line -> line.replaceAll("\\s", "")).toList());
            assertNoSecret("folded", log.everything());
            assertNoSecret("folded", exposed(e));
        }
    }

    @Test
    void aSecretSplitAcrossTwoReadsIsMaskedBeforeHttpClientLogsTheHeader() throws IOException {
        for (boolean overTls : new boolean[] { false, true }) {
            try (LogCapture log = new LogCapture(true)) {
                SmsException e = echoSplitAcrossTwoReads(overTls);
                assertThat(log.texts("org.apache.hc.client5.http.headers")).as("tls " + overTls)
                        .anySatisfy(line -> assertThat(line).endsWith("X-Echo: Basic " + "*".repeat(
                                basic(USER, API_KEY).length())))
                        .anySatisfy(line -> assertThat(line).endsWith("X-Raw-Key: " + "*".repeat(API_KEY.length())));
                assertNoSecret("split, tls " + overTls, log.everything());
                assertNoSecret("split, tls " + overTls, exposed(e));
            }
        }
    }

    @Test
    void anAuthenticatingTunnelGetsTheProxyCredentialsAndTheLogDoesNot() throws IOException {
        try (LogCapture log = new LogCapture(true)) {
            SmsException e = echoInHeadersThroughAnAuthenticatingTunnel();
            assertThat(received).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Basic " + basic(USER, API_KEY)))
                    .satisfies(r -> assertThat(r.header("Proxy-Authorization")).isEmpty());
            assertThat(log.texts("org.apache.hc.client5.http.headers"))
                    .anySatisfy(line -> assertThat(line).contains("CONNECT 127.0.0.1:"))
                    .anySatisfy(line -> assertThat(line).endsWith("Proxy-Authorization: ****"));
            assertNoSecret("tunnel log", log.everything());
            assertNoSecret("tunnel", exposed(e));
        }
    }

    @Test
    void aProxyEchoingProxyAuthorizationIsRedacted() {
        SmsException e = echoFromAProxy();
        assertThat(e.getStatusCode()).isEqualTo(407);
        assertThat(received).anySatisfy(r -> assertThat(r.header("Proxy-Authorization")).startsWith("Basic "));
        assertThat(e.getResponseBody()).contains(SmsRedactor.MASK);
        assertNoSecret("proxy 407", exposed(e));
    }

    @Test
    void healthDetailsCarryNoSecret() throws Exception {
        HealthCheck.Result result = healthDownWithAnEchoingServer();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertNoSecret("health", exposed(result));
    }

    @Test
    void causesThatHoldASecretAreReplaced() {
        SmsConfiguration configuration = new SmsConfiguration();
        configuration.setApiKey(API_KEY);
        SmsRedactor redactor = SmsRedactor.of(configuration, SmsProviders.find("cpsms"), SmsAuthentication.basic(USER, API_KEY));
        IOException io = new IOException("reset while sending " + basic(USER, API_KEY),
                new IllegalStateException("inner " + API_KEY));
        SmsException e = redactor.redact(SmsErrors.fromIo("cpsms", "send", SmsHttpRequest.get("/creditvalue"),
                "http://127.0.0.1:9/creditvalue?k=" + URLEncoder.encode(API_KEY, StandardCharsets.UTF_8), io,
                true));

        assertThat(e).isInstanceOf(SmsTransportException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getCause()).hasMessageContaining("java.io.IOException").hasMessageContaining(SmsRedactor.MASK);
        assertThat(e.getCause().getCause()).hasMessageContaining("java.lang.IllegalStateException");
        assertNoSecret("causes", exposed(e));
    }

    @Test
    void everyErrorPathAtTraceLeavesNoSecretInTheLog() throws Exception {
        List<String> exposed = new ArrayList<>();
        try (LogCapture log = new LogCapture(true)) {
            exposed.addAll(exposed(echoAuthorizationIn(401)));
            exposed.addAll(exposed(echoAuthorizationIn(500)));
            exposed.addAll(exposed(echoJsonEscapedKey()));
            exposed.addAll(exposed(echoRequestBody(cpsms("send"))));
            exposed.addAll(exposed(echoRequestBody(twilio("send"))));
            exposed.addAll(exposed(echoInHeaders()));
            exposed.addAll(exposed(echoFromAProxy()));
            exposed.addAll(exposed(echoInHeadersOverHttps()));
            exposed.addAll(exposed(echoInHeadersThroughAnAuthenticatingTunnel()));
            exposed.addAll(exposed(echoSplitAcrossTwoReads(false)));
            exposed.addAll(exposed(echoSplitAcrossTwoReads(true)));
            exposed.addAll(exposed(echoFoldedOverTwoHeaderLines()));
            exposed.addAll(exposed(slowCreateGroup()));
            SmsException partial = unreadableCreatedForOneRecipient();
            exposed.addAll(exposed(partial));
            exposed.add(String.valueOf(((SmsPartialFailureException) partial).getResult()));
            exposed.addAll(exposed(foreignNextPage()));
            exposed.addAll(exposed(sameOriginNextPageCarryingATokenThenA500()));
            assertThat(received).anySatisfy(r -> assertThat(r.uri()).contains("Page=1&t="));
            exposed.addAll(exposed(healthDownWithAnEchoingServer()));
            exposed.addAll(exposed(forcedStopInTheMiddleOfAFanOut()));
            // the log is real: Camel's error handler and HttpClient's own loggers spoke
            assertThat(log.events()).anySatisfy(e -> assertThat(e.getLevel().toString()).isEqualTo("ERROR"));
            assertThat(log.events()).anySatisfy(e -> assertThat(e.getLoggerName()).startsWith("org.apache.hc"));
            assertNoSecret("log", log.everything());
        }
        assertNoSecret("exceptions", exposed);
    }
}
