package io.github.camelsms.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.camelsms.sms.webhook.SmsJdbcWebhookMemory;
import io.github.camelsms.sms.webhook.SmsWebhookMemory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances (CamelContexts with their own platform-http servers) share one webhook memory in a database (H2 in file
 * mode, each instance with its own DataSource). Every callback reaches both instances at the same moment, in random
 * order per message, with the provider's retries: each is routed exactly once, and no non-final report is routed after
 * (or while) its message's final one.
 */
class SharedWebhookMemoryTest {

    private static final String TOKEN = "SharedT0ken-77aa";
    private static final String PATH = "/sms/mycpaas/status";
    private static final int MESSAGES = 12;
    private static final List<String> STATUSES = List.of("queued", "sent", "delivered");

    @TempDir
    Path dir;

    private final List<CamelContext> instances = new ArrayList<>();
    private final AtomicInteger clock = new AtomicInteger();
    /** Every successful routing: instance, sid, status, and the clock when its route started and ended. */
    private final Queue<Routing> routed = new ConcurrentLinkedQueue<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Routing(String instance, String sid, String status, int start, int end) {
    }

    @AfterEach
    void stop() {
        instances.forEach(CamelContext::stop);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentCopiesAtTwoInstancesAreRoutedOnceAndNeverAfterTheFinalReport() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("webhooks") + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1";
        List<Integer> ports = List.of(startInstance("a", url), startInstance("b", url));
        // the first attempt of one final report fails in its route: the provider's retry must be routed
        failOnce.add(sid(3) + "|delivered");

        List<String[]> callbacks = new ArrayList<>();
        for (int m = 0; m < MESSAGES; m++) {
            List<String> statuses = new ArrayList<>(STATUSES);
            Collections.shuffle(statuses, new Random(m));
            // a retried copy of a non-final report arriving late
            statuses.add("sent");
            for (String status : statuses) {
                callbacks.add(new String[] {sid(m), status});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String[] callback : callbacks) {
                CyclicBarrier together = new CyclicBarrier(2);
                for (int port : ports) {
                    answers.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return deliver(port, callback[0], callback[1]);
                    }));
                }
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).as("the provider's last answer").isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, List<Routing>> bySid = routed.stream().collect(Collectors.groupingBy(Routing::sid));
        assertThat(routed.stream().map(r -> r.sid() + "|" + r.status()))
                .as("each callback routed at most once").doesNotHaveDuplicates();
        assertThat(routed.stream().map(Routing::instance).distinct()).as("both instances routed")
                .containsExactlyInAnyOrder("a", "b");
        for (int m = 0; m < MESSAGES; m++) {
            String sid = sid(m);
            List<Routing> reports = bySid.get(sid);
            assertThat(reports).as(sid).isNotNull();
            Routing delivered = reports.stream().filter(r -> r.status().equals("delivered")).findFirst()
                    .orElseThrow(() -> new AssertionError(sid + ": its final report was never routed"));
            for (Routing report : reports) {
                if (report != delivered) {
                    assertThat(report.end()).as(sid + ": " + report.status() + " routed after or during delivered")
                            .isLessThan(delivered.start());
                }
            }
        }
        assertThat(failOnce).as("the failing route ran").isEmpty();
        try (Connection connection = dataSource(url).getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM CAMEL_SMS_WEBHOOK WHERE state = 'routing'")) {
            row.next();
            assertThat(row.getInt(1)).as("claims left behind").isZero();
        }
    }

    @Test
    void refusesWebhookMemoryTogetherWithIdempotentRepository() throws Exception {
        CamelContext context = new DefaultCamelContext();
        instances.add(context);
        context.getRegistry().bind("memory", new SmsJdbcWebhookMemory(dataSource("jdbc:h2:file:" + dir.resolve("x"))));
        context.getRegistry().bind("repository", new org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:mycpaas/deliveryReports?path=/s&webhookMemory=#memory&idempotentRepository=#repository")
                        .log("${body}");
            }
        });
        try {
            context.start();
        } catch (Exception e) {
            assertThat(rootCause(e)).isInstanceOfSatisfying(SmsValidationException.class,
                    v -> assertThat(v.getField()).isEqualTo("webhookMemory"));
            return;
        }
        throw new AssertionError("started with both webhookMemory and idempotentRepository");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Posts a status callback as a provider does: again after a pause until it is answered 200 (bounded). A copy in
     * flight is answered 503 at once, so the provider's patience is counted in attempts, not in one long wait.
     */
    private int deliver(int port, String sid, String status) throws Exception {
        String form = "MessageSid=" + sid + "&MessageStatus=" + status + "&To=%2B4522334488&From=%2B4570200000";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH
                                                                + "?webhookVerifyToken=" + TOKEN))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        int answer = 0;
        for (int attempt = 0; attempt < 200 && answer != 200; attempt++) {
            if (attempt > 0) {
                Thread.sleep(50);
            }
            answer = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(answer).as("answer to " + sid + " " + status).isIn(200, 500, 503);
        }
        return answer;
    }

    private int startInstance(String name, String url) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        instances.add(context);
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost("127.0.0.1");
        server.setPort(port);
        context.addService(server, true, true);
        SmsWebhookMemory memory = new SmsJdbcWebhookMemory(dataSource(url));
        context.getRegistry().bind("webhookMemory", memory);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:mycpaas/deliveryReports?path=" + PATH + "&webhookVerifyToken=RAW(" + TOKEN + ")"
                     + "&webhookMemory=#webhookMemory")
                        .process(exchange -> {
                            String sid = exchange.getIn().getHeader(SmsConstants.MESSAGE_ID, String.class);
                            String status = exchange.getIn().getBody(io.github.camelsms.sms.model.DeliveryReport.class)
                                    .getRawStatus();
                            int start = clock.incrementAndGet();
                            Thread.sleep(10); // a route that takes a moment widens every race
                            if (failOnce.remove(sid + "|" + status)) {
                                throw new IllegalStateException("the route failed once");
                            }
                            routed.add(new Routing(name, sid, status, start, clock.incrementAndGet()));
                        });
            }
        });
        context.start();
        return port;
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static String sid(int n) {
        return String.format("SM%032x", n + 1);
    }
}
