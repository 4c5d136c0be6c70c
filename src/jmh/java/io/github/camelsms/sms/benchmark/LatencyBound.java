package io.github.camelsms.sms.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;

/**
 * Sends at a real provider's latency: a keep-alive loopback stub that answers every request after 100 ms, and
 * 10,000 messages in three ways, each with 100 requests at once:
 * <ol>
 * <li>one LaML exchange to 10,000 recipients with {@code maxConcurrentRequests=100};</li>
 * <li>10,000 single-recipient exchanges as users write them: a {@code split} with parallel processing (100 threads)
 * over a list, to {@code sms:mycpaas/send};</li>
 * <li>the same split to the hand-written camel-http route.</li>
 * </ol>
 * Reports wall time against the physical limit N x L / C, the component's threads (the HTTP client's I/O threads and
 * the retry timer), the JVM's peak threads without the stub's own, and the peak heap.
 */
final class LatencyBound {

    static final int MESSAGES = Integer.getInteger("bench.latencyMessages", 10_000);
    static final int CONCURRENCY = 100;
    static final long LATENCY_MILLIS = 100;

    private LatencyBound() {
    }

    static String run() throws Exception {
        List<String> numbers = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            numbers.add("+" + (4520000000L + i));
        }
        double ceiling = MESSAGES * (LATENCY_MILLIS / 1000.0) / CONCURRENCY;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "## Latency-bound: %,d messages, stub answering after %d ms, %d at once%n%n"
                + "Physical limit N x L / C = %,d x %.1f s / %d = %.1f s.%n%n", MESSAGES, LATENCY_MILLIS, CONCURRENCY,
                MESSAGES, LATENCY_MILLIS / 1000.0, CONCURRENCY, ceiling));
        sb.append("| scenario | sent | time | x limit | component threads (peak) | JVM threads without the stub's"
                  + " (peak) | heap used (peak MB) |\n|---|---|---|---|---|---|---|\n");
        try (CannedHttpStub stub = new CannedHttpStub(LATENCY_MILLIS);
             BenchmarkFixture camel = new BenchmarkFixture(stub.baseUrl(), configure -> {
                 configure.getComponent("sms", SmsComponent.class).setConnectionsPerRoute(CONCURRENCY);
                 HttpComponent http = configure.getComponent("http", HttpComponent.class);
                 http.setConnectionsPerRoute(CONCURRENCY);
                 http.setMaxTotalConnections(2 * CONCURRENCY);
             })) {
            ExecutorService splitPool = camel.context.getExecutorServiceManager()
                    .newFixedThreadPool(camel, "BenchSplit", CONCURRENCY);
            String fanOut = camel.smsMycpaas.getEndpointUri() + "&maxConcurrentRequests=" + CONCURRENCY;
            camel.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:splitSms").split(body()).parallelProcessing().executorService(splitPool)
                            .setHeader(SmsConstants.TO, body()).setBody(constant(BenchmarkFixture.TEXT))
                            .to(camel.smsMycpaas).end();
                    from("direct:splitByHand").split(body()).parallelProcessing().executorService(splitPool)
                            .setHeader("to", body()).setBody(constant(BenchmarkFixture.TEXT))
                            .to("direct:lamlByHand").end();
                }
            });
            List<String> warm = numbers.subList(0, 300);
            camel.template.requestBodyAndHeader(fanOut, BenchmarkFixture.TEXT, SmsConstants.TO, warm);
            camel.template.requestBody("direct:splitSms", warm);
            camel.template.requestBody("direct:splitByHand", warm);

            sb.append(measure("one LaML exchange to " + MESSAGES + " recipients, maxConcurrentRequests=100", stub,
                    ceiling, () -> {
                        Exchange e = camel.template.send(fanOut, x -> {
                            x.getMessage().setBody(BenchmarkFixture.TEXT);
                            x.getMessage().setHeader(SmsConstants.TO, numbers);
                        });
                        if (e.getException() != null) {
                            throw new IllegalStateException(e.getException());
                        }
                        return e.getMessage().getBody(SmsSendResult.class).getAcceptedCount();
                    }));
            sb.append(measure(MESSAGES + " exchanges: split, parallelProcessing (100 threads), sms:mycpaas/send",
                    stub, ceiling, () -> {
                        camel.template.requestBody("direct:splitSms", numbers);
                        return MESSAGES;
                    }));
            sb.append(measure(MESSAGES + " exchanges: split, parallelProcessing (100 threads), camel-http by hand",
                    stub, ceiling, () -> {
                        camel.template.requestBody("direct:splitByHand", numbers);
                        return MESSAGES;
                    }));
        }
        return sb.append('\n').toString();
    }

    private static String measure(String label, CannedHttpStub stub, double ceiling, Supplier<Integer> send)
            throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger componentThreads = new AtomicInteger();
        AtomicInteger withoutStub = new AtomicInteger();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                int component = 0;
                int others = 0;
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    String name = t.getName();
                    component += name.startsWith(SmsHttpClients.THREAD_PREFIX) || name.contains("SmsRetryTimer")
                            ? 1 : 0;
                    others += name.startsWith("canned-stub") ? 0 : 1;
                }
                componentThreads.accumulateAndGet(component, Math::max);
                withoutStub.accumulateAndGet(others, Math::max);
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        long requestsBefore = stub.requests();
        sampler.start();
        long started = System.nanoTime();
        int sent = send.get();
        double secs = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        if (stub.requests() - requestsBefore != MESSAGES) {
            throw new IllegalStateException(label + ": the stub got " + (stub.requests() - requestsBefore)
                                            + " requests, not " + MESSAGES);
        }
        return String.format(Locale.ROOT, "| %s | %,d | %.2f s | %.2f | %d | %d | %.0f |%n", label, sent, secs,
                secs / ceiling, componentThreads.get(), withoutStub.get() - 1, peakHeap.get() / 1048576.0);
    }
}
