package io.github.camelsms.sms.benchmark;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.SmsSimulator;
import org.apache.camel.Exchange;

/**
 * One exchange to 10,000 recipients against the stateful simulator: CPSMS (split into maxRecipientsPerRequest
 * requests) and mycpaas (one request per recipient, fanned out). Reports time, requests, the component's threads and
 * heap.
 */
final class BulkSend {

    private static final int RECIPIENTS = 10_000;

    private BulkSend() {
    }

    static String run() throws Exception {
        // The JDK HttpServer behind the simulator writes an answer's head and body in separate packets; with Nagle's
        // algorithm on, the client's delayed ACK holds each body about 40 ms. Must be set before its first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> cpsmsNumbers = new ArrayList<>(RECIPIENTS);
        List<String> e164 = new ArrayList<>(RECIPIENTS);
        for (int i = 0; i < RECIPIENTS; i++) {
            cpsmsNumbers.add(String.valueOf(4520000000L + i));
            e164.add("+" + (4520000000L + i));
        }
        StringBuilder sb = new StringBuilder("## Bulk: one exchange, 10,000 recipients (stateful simulator)\n\n");
        sb.append("| send | requests | accepted | time | component threads (peak) | JVM threads (peak) |"
                  + " heap during (peak MB) | live heap after (MB) |\n|---|---|---|---|---|---|---|---|\n");
        try (SmsSimulator sim = SmsSimulator.start();
             BenchmarkFixture camel = new BenchmarkFixture(sim.baseUrl())) {
            sim.cpsms().addAccount(BenchmarkFixture.USER, BenchmarkFixture.API_KEY, new BigDecimal("100000"));
            sim.laml().addAccount(BenchmarkFixture.ACCOUNT_SID, BenchmarkFixture.AUTH_TOKEN);
            // warm both paths with a small send
            camel.template.send(camel.smsCpsms, e -> setup(e, cpsmsNumbers.subList(0, 10)));
            camel.template.send(camel.smsMycpaas, e -> setup(e, e164.subList(0, 10)));
            sim.clearRequests();
            sb.append(measure("cpsms send (maxRecipientsPerRequest=500)", sim, camel, camel.smsCpsms, cpsmsNumbers));
            sim.clearRequests();
            sb.append(measure("mycpaas send (maxConcurrentRequests=4)", sim, camel, camel.smsMycpaas, e164));
            sim.clearRequests();
            sb.append(measure("mycpaas send (maxConcurrentRequests=32)", sim, camel,
                    camel.context.getEndpoint(camel.smsMycpaas.getEndpointUri() + "&maxConcurrentRequests=32"), e164));
        }
        return sb.append('\n').toString();
    }

    private static void setup(Exchange e, List<String> to) {
        e.getMessage().setBody(BenchmarkFixture.TEXT);
        e.getMessage().setHeader(SmsConstants.TO, to);
    }

    private static String measure(String label, SmsSimulator sim, BenchmarkFixture camel,
                                  org.apache.camel.Endpoint endpoint, List<String> to) throws Exception {
        HeapSoak.liveHeap();
        var threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger fanOut = new AtomicInteger();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                int n = (int) Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(SmsHttpClients.THREAD_PREFIX)
                                     || t.getName().contains("SmsRetryTimer")).count();
                fanOut.accumulateAndGet(n, Math::max);
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        Exchange exchange = camel.template.send(endpoint, e -> setup(e, to));
        double secs = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %.2f s | %d | %d | %.0f | %.1f |%n", label,
                sim.requests().size(), result.getAcceptedCount(), secs, fanOut.get(), threads.getPeakThreadCount(),
                peakHeap.get() / 1048576.0, HeapSoak.liveHeap() / 1048576.0);
    }
}
