package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful stand-in for the SMS providers, on a free loopback port: CPSMS v2 at {@link #baseUrl()} (paths such as
 * /send and /creditvalue) and the LaML API under the providers' real prefixes: Twilio at {@link #twilioBaseUrl()}
 * ({@code /2010-04-01}), mycpaas and SignalWire at {@link #mycpaasBaseUrl()} and {@link #signalWireBaseUrl()}
 * ({@code /api/laml/2010-04-01}), so that a relative next_page_uri is resolved against the host as in production.
 * LaML paths without a prefix ({@code /Accounts/...} at {@link #baseUrl()}) are served too, for a component
 * configured with one base URL for every provider. It keeps accounts, credit, messages, groups and contacts, posts
 * delivery callbacks, injects faults and records every request. Each provider's API is a {@link Simulation}
 * registered by path prefix; a request goes to the one with the longest prefix of its path.
 * <p>
 * Every request is put to the {@link RequestCheck}s on the class path ({@link java.util.ServiceLoader}) and those added
 * with {@link #addRequestCheck}; their objections are collected in {@link #specViolations()} and {@link #close()}
 * fails with them, so a test whose component sent a non-conforming request fails. The simulator itself needs nothing
 * beyond camel-sms's own dependencies.
 *
 * <pre>
 * try (SmsSimulator sim = SmsSimulator.start()) {
 *     sim.cpsms().addAccount("demo", "demo-key", new BigDecimal("100"));
 *     // sms:cpsms/send?baseUrl=" + sim.baseUrl() + "&amp;username=demo&amp;apiKey=demo-key
 * }
 * </pre>
 */
public final class SmsSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient callbackClient;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> callbacks = new CopyOnWriteArrayList<>();
    private final List<Integer> callbackStatuses = new CopyOnWriteArrayList<>();
    private volatile int callbackRepeats = 1;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final CpsmsSimulation cpsms;
    private final LamlSimulation laml;
    private final InfobipSimulation infobip;
    private final VonageSimulation vonage;
    private final TelnyxSimulation telnyx;
    private final GatewayapiSimulation gatewayapi;
    private final SinchSimulation sinch;
    private final Map<String, Simulation> byPrefix = new ConcurrentHashMap<>();
    private final Map<String, Simulation> byProvider = new ConcurrentHashMap<>();
    private volatile double randomFaultRate;
    private volatile double randomFaultsRate;
    private volatile List<Fault> randomFaults = List.of();
    private final List<RequestCheck> checks = new CopyOnWriteArrayList<>();
    private final List<String> specViolations = new CopyOnWriteArrayList<>();

    private SmsSimulator(HttpServer server) {
        this.server = server;
        this.executor = Executors.newCachedThreadPool(daemon("sms-simulator"));
        this.scheduler = Executors.newScheduledThreadPool(1, daemon("sms-simulator-callbacks"));
        this.callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.cpsms = new CpsmsSimulation(this);
        this.laml = new LamlSimulation(this);
        this.infobip = new InfobipSimulation(this);
        register(cpsms);
        register(infobip);
        laml.members().forEach(this::register);
        this.vonage = new VonageSimulation(this);
        register(vonage);
        this.telnyx = new TelnyxSimulation(this);
        register(telnyx);
        this.gatewayapi = new GatewayapiSimulation(this);
        register(gatewayapi);
        this.sinch = new SinchSimulation(this);
        register(sinch);
        ServiceLoader.load(RequestCheck.class, SmsSimulator.class.getClassLoader()).forEach(checks::add);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a simulator on a free port of 127.0.0.1. */
    public static SmsSimulator start() {
        return start(0);
    }

    /** Starts a simulator on this port of 127.0.0.1 (0: a free one). */
    public static SmsSimulator start(int port) {
        // The JDK server writes an answer's head and body in separate packets; with Nagle's algorithm against the
        // client's delayed ACK every answer would wait about 40 ms. Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SMS simulator on 127.0.0.1:" + port, e);
        }
        try {
            SmsSimulator simulator = new SmsSimulator(server);
            server.start();
            return simulator;
        } catch (RuntimeException | Error e) {
            server.stop(0);
            throw e;
        }
    }

    /**
     * Puts every request from now on to this check too; its objections are collected with those of the checks found
     * on the class path.
     */
    public SmsSimulator addRequestCheck(RequestCheck check) {
        checks.add(check);
        return this;
    }

    /** The base URL for both providers, for example http://127.0.0.1:41234 (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Twilio's base URL on the simulator: {@code http://127.0.0.1:port/2010-04-01}. */
    public String twilioBaseUrl() {
        return baseUrl() + "/2010-04-01";
    }

    /** mycpaas's base URL on the simulator: {@code http://127.0.0.1:port/api/laml/2010-04-01}. */
    public String mycpaasBaseUrl() {
        return baseUrl() + "/api/laml/2010-04-01";
    }

    /** A SignalWire space's base URL on the simulator: {@code http://127.0.0.1:port/api/laml/2010-04-01}. */
    public String signalWireBaseUrl() {
        return baseUrl() + "/api/laml/2010-04-01";
    }

    /** The base URL of a provider by its sms: name (cpsms, mycpaas, twilio, signalwire). */
    public String baseUrl(String provider) {
        Simulation simulation = byProvider.get(provider);
        return simulation == null ? baseUrl() : baseUrl() + simulation.basePath();
    }

    /**
     * Serves the simulation's path prefixes from now on (a provider's simulation written outside camel-sms, such as a
     * third party's); a prefix another simulation serves is refused with an IllegalStateException.
     */
    public synchronized SmsSimulator register(Simulation simulation) {
        for (String prefix : simulation.pathPrefixes()) {
            Simulation other = byPrefix.get(prefix);
            if (other != null && other != simulation) {
                throw new IllegalStateException("The path prefix " + prefix + " of " + simulation.provider()
                                                + " is already served by " + other.provider());
            }
        }
        simulation.pathPrefixes().forEach(prefix -> byPrefix.put(prefix, simulation));
        byProvider.putIfAbsent(simulation.provider(), simulation);
        return this;
    }

    // the simulation with the longest prefix of the path
    private Simulation simulationFor(String path) {
        Simulation found = null;
        int longest = -1;
        for (Map.Entry<String, Simulation> entry : byPrefix.entrySet()) {
            if (path.startsWith(entry.getKey()) && entry.getKey().length() > longest) {
                found = entry.getValue();
                longest = entry.getKey().length();
            }
        }
        return found;
    }

    /**
     * The objections the {@link RequestCheck}s raised against the requests received so far (empty when they all
     * conformed, or when there is no check).
     */
    public List<String> specViolations() {
        return List.copyOf(specViolations);
    }

    /** Returns and forgets the spec violations, for a test that sends a non-conforming request on purpose. */
    public List<String> takeSpecViolations() {
        List<String> taken = List.copyOf(specViolations);
        specViolations.removeAll(taken);
        return taken;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Sinch's SMS REST API: service plans, their batches and callbacks. */
    public SinchSimulation sinch() {
        return sinch;
    }

    /** The CPSMS half: accounts and their state. */
    public CpsmsSimulation cpsms() {
        return cpsms;
    }

    /** The LaML half: accounts and their messages. */
    public LamlSimulation laml() {
        return laml;
    }

    /** Infobip's API under /infobip: {@code baseUrl("infobip")}. */
    public InfobipSimulation infobip() {
        return infobip;
    }

    /** Vonage's SMS API (/sms/json) and its account balance (/account/get-balance), at {@link #baseUrl()}. */
    public VonageSimulation vonage() {
        return vonage;
    }

    /** Telnyx Messaging v2 under /v2 ({@link #baseUrl(String) baseUrl("telnyx")}). */
    public TelnyxSimulation telnyx() {
        return telnyx;
    }

    /** GatewayAPI ({@code /rest/...} at {@link #baseUrl()}): accounts, their messages and webhooks. */
    public GatewayapiSimulation gatewayapi() {
        return gatewayapi;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /**
     * The requests to paths that start with the prefix; a LaML path also matches without its API prefix, so
     * {@code requestsTo("/Accounts/")} finds the LaML requests of every provider.
     */
    public List<RecordedRequest> requestsTo(String pathPrefix) {
        return requests(r -> r.path().startsWith(pathPrefix) || r.resourcePath().startsWith(pathPrefix));
    }

    public RecordedRequest lastRequest() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    /**
     * The delivery callbacks the simulator has posted so far (method, URL path and query, body), each once however
     * often {@link #callbackRepeats} repeated it.
     */
    public List<RecordedRequest> callbacks() {
        return Collections.unmodifiableList(new ArrayList<>(callbacks));
    }

    /** The HTTP statuses the callbacks were answered with, in the order the answers came. */
    public List<Integer> callbackStatuses() {
        return Collections.unmodifiableList(new ArrayList<>(callbackStatuses));
    }

    /** Posts every callback this many times, as a provider does that retries webhooks (1, the default, posts once). */
    public SmsSimulator callbackRepeats(int times) {
        this.callbackRepeats = Math.max(1, times);
        return this;
    }

    public void clearRequests() {
        requests.clear();
        callbacks.clear();
        callbackStatuses.clear();
    }

    /** Injects a fault into the next request it matches; faults act in the order they were added. */
    public SmsSimulator inject(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** Injects the fault into each of the next {@code times} matching requests. */
    public SmsSimulator inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
        return this;
    }

    /**
     * Answers this share of requests (0 to 1), chosen at random, with a 503 and Retry-After before handling them
     * (for load tests).
     */
    public SmsSimulator randomFaultRate(double rate) {
        this.randomFaultRate = rate;
        return this;
    }

    /**
     * Injects one of these faults, chosen at random, into this share of requests (0 to 1), chosen at random (for load
     * tests). Queued faults from {@link #inject(Fault)} act first.
     */
    public SmsSimulator randomFaults(double rate, List<Fault> choices) {
        this.randomFaults = List.copyOf(choices);
        this.randomFaultsRate = rate;
        return this;
    }

    public void clearFaults() {
        faults.clear();
        randomFaultRate = 0;
        randomFaultsRate = 0;
    }

    /** Posts a form or query-string callback to a URL, recording it. */
    void postCallback(String url, String formBody, Duration after) {
        postCallback(url, formBody, Map.of(), after);
    }

    /** Posts a form or query-string callback with extra headers (such as a signature) to a URL, recording it. */
    void postCallback(String url, String formBody, Map<String, String> headers, Duration after) {
        int repeats = callbackRepeats;
        scheduler.schedule(() -> postRepeatedly(callbackRequest(url, formBody, headers), repeats),
                after.toMillis(), TimeUnit.MILLISECONDS);
    }

    // one after the other, as a provider retries: the next post once the previous one was answered
    private void postRepeatedly(HttpRequest request, int times) {
        if (times <= 0) {
            return;
        }
        callbackClient.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            callbackStatuses.add(response == null ? 0 : response.statusCode());
            postRepeatedly(request, times - 1);
        });
    }

    /**
     * Sends a webhook (POST form, GET or POST JSON) after a delay, recorded in {@link #callbacks()} and repeated as
     * set by {@link #callbackRepeats}; the answers' statuses go to {@link #callbackStatuses()}.
     */
    public void postWebhook(Webhook webhook, Duration after) {
        int repeats = callbackRepeats;
        scheduler.schedule(() -> postRepeatedly(webhookRequest(webhook), repeats), after.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sends a LaML webhook now and returns the answer. */
    HttpResponse<String> sendWebhookNow(Webhook webhook) {
        try {
            HttpResponse<String> response = callbackClient.send(webhookRequest(webhook),
                    HttpResponse.BodyHandlers.ofString());
            callbackStatuses.add(response.statusCode());
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot call " + webhook.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + webhook.url(), e);
        }
    }

    private HttpRequest webhookRequest(Webhook webhook) {
        URI uri = URI.create(webhook.url());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (webhook.body() == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", webhook.contentType())
                    .method(webhook.method(), HttpRequest.BodyPublishers.ofString(webhook.body()));
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        webhook.headers().forEach((name, value) -> {
            builder.header(name, value);
            recorded.put(name.toLowerCase(), value);
        });
        if (webhook.contentType() != null) {
            recorded.put("content-type", webhook.contentType());
        }
        callbacks.add(new RecordedRequest(webhook.method(), uri.getPath(), uri.getRawQuery(), recorded,
                webhook.body() == null ? "" : webhook.body(), null, Instant.now()));
        return builder.build();
    }

    private HttpRequest callbackRequest(String url, String formBody, Map<String, String> headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (formBody != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody));
        } else {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            builder.header(name, value);
            recorded.put(name.toLowerCase(), value);
        });
        callbacks.add(new RecordedRequest("POST", uri.getPath(), uri.getRawQuery(), recorded,
                formBody == null ? "" : formBody, null, Instant.now()));
        return builder.build();
    }

    void schedule(Runnable task, Duration after) {
        scheduler.schedule(task, Math.max(0, after.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Fault fault = takeFault(path);
            if (fault == null && randomFaultsRate > 0 && Math.random() < randomFaultsRate) {
                List<Fault> choices = randomFaults;
                fault = choices.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(choices.size()));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            if (fault != null && fault.kind() == Fault.Kind.DROP_BEFORE_HANDLING) {
                record(exchange, path, headers, "", fault);
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            RecordedRequest recorded = record(exchange, path, headers, body, fault);
            for (RequestCheck check : checks) {
                specViolations.addAll(check.objections(recorded));
            }
            if (fault != null && !fault.delay().isZero()) {
                sleep(fault.delay());
            }
            SimResponse response;
            if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                response = new SimResponse(fault.status(), fault.headers(),
                        fault.body() == null ? new byte[0] : fault.body().getBytes(StandardCharsets.UTF_8));
            } else if (fault == null && randomFaultRate > 0 && Math.random() < randomFaultRate) {
                response = SimResponse.json(503, "{\"error\":{\"code\":503,\"message\":\"Service unavailable\"}}")
                        .withHeader("Retry-After", "1");
            } else {
                SimRequest request = new SimRequest(exchange.getRequestMethod(), path,
                        exchange.getRequestURI().getRawQuery(), headers, body,
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                Simulation simulation = simulationFor(path);
                response = simulation == null
                        ? SimResponse.json(404, "{\"error\":{\"code\":404,\"message\":\"Not found\"}}")
                        : simulation.handle(request);
            }
            if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_HANDLING) {
                return;
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            // a simulator bug must not look like a dropped connection: answer 500 when still possible
            try {
                byte[] msg = ("{\"error\":{\"code\":500,\"message\":\"simulator error: " + e + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, msg.length);
                exchange.getResponseBody().write(msg);
            } catch (IOException | RuntimeException ignored) {
                // the answer had already started
            }
        } finally {
            exchange.close(); // without an answer sent, closing drops the connection
        }
    }

    private Fault takeFault(String path) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
            Fault fault = it.next();
            if (fault.matches(path) && faults.remove(fault)) {
                return fault;
            }
        }
        return null;
    }

    private RecordedRequest record(HttpExchange exchange, String path, Map<String, String> headers, String body,
            Fault fault) {
        RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(), path,
                exchange.getRequestURI().getRawQuery(), headers, body, fault == null ? null : fault.kind().name(),
                Instant.now());
        requests.add(recorded);
        return recorded;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops the simulator; fails with an AssertionError listing the objections of the {@link RequestCheck}s, unless a
     * test took them with {@link #takeSpecViolations()}.
     */
    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        executor.shutdownNow();
        if (!specViolations.isEmpty()) {
            throw new AssertionError("Requests the simulator's request checks objected to:\n  "
                                     + String.join("\n  ", specViolations));
        }
    }
}
