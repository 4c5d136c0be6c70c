package io.github.camelsms.sms.http;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The pooled, asynchronous HttpClient 5 instances of one component. Endpoints whose connection settings are alike
 * share one client (its keep-alive connections and its I/O threads); the component closes them all when it stops.
 * <p>
 * A client's I/O threads are named {@code SmsHttp-N}: they are the only threads a request in flight uses.
 */
public final class SmsHttpClients implements Closeable {

    /** Thread-name prefix of the clients' I/O threads. */
    public static final String THREAD_PREFIX = "SmsHttp-";

    /**
     * A pooled connection idle this long is checked before reuse; servers close idle keep-alive connections after a
     * few seconds, and a request written into one that was closed would fail in doubt.
     */
    static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(500);
    /** Idle connections are closed by the component well before most servers close them. */
    static final TimeValue EVICT_IDLE_AFTER = TimeValue.ofSeconds(30);

    /**
     * How often the I/O threads check timeouts. The client's default (1 s) would let a 150 ms response timeout fire
     * only after up to a second, so a slow answer could arrive first and a timeout never be seen.
     */
    static final TimeValue SELECT_INTERVAL = TimeValue.ofMilliseconds(50);

    /** How long a stop waits for the I/O threads to end on their own before closing what remains. */
    static final TimeValue SHUTDOWN_WAIT = TimeValue.ofSeconds(3);

    private static final long SHUTDOWN_POLL = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * The longest line (status line, header line, chunk size line) and the most header lines an answer's head may
     * have: a server that sends an endless head is refused instead of held in memory (the body has its own bound).
     */
    static final Http1Config BOUNDED_HEAD = Http1Config.custom()
            .setMaxLineLength(16 * 1024)
            .setMaxHeaderCount(256)
            .build();

    /** The proxy port when proxyHost is set without proxyPort. */
    public static final int DEFAULT_PROXY_PORT = 8080;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Map<ClientOptions, PooledClient> clients = new ConcurrentHashMap<>();
    private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> maskedSecrets = ConcurrentHashMap.newKeySet();
    private volatile SmsSecretScanner masked = new SmsSecretScanner(Set.of());
    private final CamelContext camelContext;
    private final int maxTotalConnections;
    private final int connectionsPerRoute;
    private volatile boolean closed;

    public SmsHttpClients(CamelContext camelContext, int maxTotalConnections, int connectionsPerRoute) {
        this.camelContext = camelContext;
        this.maxTotalConnections = maxTotalConnections;
        this.connectionsPerRoute = connectionsPerRoute;
    }

    /** The shared client for these connection settings, created and started on first use. */
    public CloseableHttpAsyncClient clientFor(ClientOptions options) {
        if (closed) {
            throw new IllegalStateException("The sms component has stopped");
        }
        return clients.computeIfAbsent(options, this::create).client();
    }

    /** Masks the redactor's secrets, in every form, in the bytes the clients read, before HttpClient logs them. */
    public synchronized void maskInAnswers(SmsRedactor redactor) {
        if (maskedSecrets.addAll(redactor.secrets())) {
            masked = new SmsSecretScanner(maskedSecrets);
        }
    }

    public int size() {
        return clients.size();
    }

    /** Whether the component stopped and closed the clients. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Notes a request in flight: when the clients are closed, {@code abort} ends it, since a closing client does not
     * always complete the callbacks of requests it had already started. Returns what to call when it ended.
     */
    Runnable track(Runnable abort) {
        inFlight.add(abort);
        if (closed) {
            abort.run();
        }
        return () -> inFlight.remove(abort);
    }

    /** The most connections to one host: what a LaML fan-out can run at once. */
    public int connectionsPerRoute() {
        return connectionsPerRoute;
    }

    private PooledClient create(ClientOptions key) {
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(key.connectTimeout()))
                .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                .build();
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                // HTTP/1.1 only, also with a server that offers h2 over TLS: in-doubt detection, the quiet headers and
                // the masking of what is read are built on HTTP/1.1 (HTTP/2 copies headers and compresses answers)
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .setMaxConnTotal(maxTotalConnections)
                .setMaxConnPerRoute(connectionsPerRoute)
                .setDefaultConnectionConfig(connectionConfig);
        if (key.sslContextParameters() != null) {
            try {
                pool.setTlsStrategy(
                        new DefaultClientTlsStrategy(key.sslContextParameters().createSSLContext(camelContext)));
            } catch (Exception e) {
                throw new RuntimeCamelException("Cannot create the TLS context from sslContextParameters", e);
            }
        }
        PoolingAsyncClientConnectionManager connections = pool.build();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(EVICT_IDLE_AFTER)
                .setThreadFactory(threadFactory(threads))
                .setIOReactorConfig(IOReactorConfig.custom().setSelectInterval(SELECT_INTERVAL).build())
                .setUserAgent("camel-sms")
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "sms-request-progress",
                        SmsRequestProgress.MARK_ON_CONNECTION);
        if (key.proxyHost() != null) {
            HttpHost proxy = new HttpHost(key.proxyHost(),
                    key.proxyPort() != null ? key.proxyPort() : DEFAULT_PROXY_PORT);
            builder.setProxy(proxy);
            if (key.proxyAuthUsername() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                String password = key.proxyAuthPassword() != null ? key.proxyAuthPassword() : "";
                credentials.setCredentials(new AuthScope(proxy),
                        new UsernamePasswordCredentials(key.proxyAuthUsername(), password.toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        if (key.configurer() != null) {
            key.configurer().configureHttpAsyncClient(builder);
        }
        keepPromises(builder);
        CloseableHttpAsyncClient client = builder.build();
        List<Thread> ioThreads = List.copyOf(threads); // made with the client; its dispatching thread when it starts
        client.start();
        return new PooledClient(client, connections, ioThreads);
    }

    /**
     * What the component's promises rest on, set after the user's configurer (the component doc says so): a POST that sends
     * an SMS is never repeated or redirected behind the component's back, the client speaks HTTP/1.1, a provider's
     * WWW-Authenticate challenge (which may echo the credentials) is not answered (the Authorization header is the
     * component's), an answer's head is bounded, and the session decorator writes no wire log, masks the secrets in
     * what is read (HttpClient logs response headers before the component sees them) and puts the credentials' request
     * headers quiet.
     */
    @SuppressWarnings("deprecation") // the builder's version policy still decides for plain-http connections
    private void keepPromises(HttpAsyncClientBuilder builder) {
        builder.disableAutomaticRetries()
                .disableRedirectHandling()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(BOUNDED_HEAD)
                .setTargetAuthenticationStrategy((challengeType, challenges, context) -> java.util.List.of())
                .setIoSessionDecorator(session -> new SmsQuietSession(session, () -> masked));
    }

    private static ThreadFactory threadFactory(List<Thread> made) {
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        };
    }

    /**
     * Closes every client. Requests still in flight fail (in doubt where their bytes may have gone out) and requests
     * waiting for a connection fail as not sent; their connections are closed. The I/O threads are asked to shut down
     * first and given a bounded time to close their own selectors: closing a selector from this thread while its I/O
     * thread iterates the selected keys made httpcore5 log a ConcurrentModificationException at ERROR.
     */
    @Override
    public void close() {
        closed = true;
        clients.values().forEach(pooled -> pooled.client().initiateShutdown());
        inFlight.forEach(Runnable::run);
        inFlight.clear();
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanoseconds();
        clients.values().forEach(pooled -> pooled.awaitShutdown(deadline));
        clients.values().forEach(pooled -> pooled.client().close(CloseMode.IMMEDIATE)); // what did not end in time
        clients.clear();
    }

    /** A client, its pool and its I/O threads. */
    private record PooledClient(
            CloseableHttpAsyncClient client, PoolingAsyncClientConnectionManager connections, List<Thread> ioThreads) {

        /**
         * Closes the pool's connections (nothing tracked uses them any more) and waits until the client's I/O threads
         * ended, each closing its own selector, or the deadline passed. A connection whose connect completes after
         * that is closed when it joins the pool.
         */
        void awaitShutdown(long deadline) {
            connections.close(CloseMode.IMMEDIATE);
            try {
                long remaining = deadline - System.nanoTime();
                while (remaining > 0 && ioThreads.stream().anyMatch(Thread::isAlive)) {
                    client.awaitShutdown(TimeValue.of(Math.min(remaining, SHUTDOWN_POLL), TimeUnit.NANOSECONDS));
                    remaining = deadline - System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The endpoint options a client is built from; endpoints with equal ones share a client. */
    public record ClientOptions(
            long connectTimeout, SSLContextParameters sslContextParameters, HttpAsyncClientConfigurer configurer,
            String proxyHost, Integer proxyPort, String proxyAuthUsername, String proxyAuthPassword) {

        @Override
        public String toString() {
            return "ClientOptions[connectTimeout=" + connectTimeout + ", proxyHost=" + proxyHost + "]";
        }
    }
}
