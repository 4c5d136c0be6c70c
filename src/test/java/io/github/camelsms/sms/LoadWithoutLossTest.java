package io.github.camelsms.sms;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsms.sms.simulator.CpsmsSimulation;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 7: 10,000 sends from 32 threads with 1% injected faults. Every exchange ends, accepted or failed; what the
 * component accepted is exactly what the simulator holds, apart from in-doubt sends the provider did carry out; no
 * message exists twice; and the heap comes back to where it was.
 */
class LoadWithoutLossTest extends SmsTestSupport {

    private static final int SENDS = 10_000;
    private static final int THREADS = 32;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void tenThousandSendsFromThirtyTwoThreadsLoseNothingAndSendNothingTwice() throws Exception {
        sim.cpsms().account(USER).credit(new java.math.BigDecimal("1000000"));
        String uri = cpsms("send", "retryDelay=1", "maxRetryDelay=50", "responseTimeout=10000");
        ProducerTemplate producer = template();
        // warm up the component, both connection pools, the threads and the JIT before the baseline
        ExecutorService warmUp = Executors.newFixedThreadPool(THREADS);
        AtomicInteger warmUpSends = new AtomicInteger();
        for (int t = 0; t < THREADS; t++) {
            warmUp.execute(() -> {
                while (warmUpSends.getAndIncrement() < 2_000) {
                    producer.send(uri, e -> {
                        e.getMessage().setBody("warm-up");
                        e.getMessage().setHeader(SmsConstants.TO, "4522334488");
                    });
                }
            });
        }
        warmUp.shutdown();
        assertThat(warmUp.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        sim.cpsms().account(USER).clearMessages();
        sim.clearRequests();
        long heapBefore = usedHeapAfterGc();

        sim.randomFaults(0.01, List.of(
                Fault.rateLimited(0),
                Fault.status(503, "{}", Map.of("Retry-After", "0")),
                Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"),
                Fault.dropBeforeHandling(),
                Fault.dropAfterHandling()));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> inDoubt = ConcurrentHashMap.newKeySet();
        Set<String> failedSafely = ConcurrentHashMap.newKeySet();
        AtomicInteger otherOutcomes = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            threads.execute(() -> {
                for (int i = next.getAndIncrement(); i < SENDS; i = next.getAndIncrement()) {
                    String text = "load-" + i;
                    Exchange exchange = producer.send(uri, e -> {
                        e.getMessage().setBody(text);
                        e.getMessage().setHeader(SmsConstants.TO, "4522334488");
                    });
                    Exception failure = exchange.getException();
                    if (failure == null && exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT,
                            Integer.class) == 1) {
                        accepted.add(text);
                    } else if (failure instanceof SmsException sms && sms.isInDoubt()) {
                        inDoubt.add(text);
                    } else if (failure instanceof SmsException) {
                        failedSafely.add(text);
                    } else {
                        otherOutcomes.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(3, TimeUnit.MINUTES)).as("every exchange ended").isTrue();
        sim.clearFaults();

        List<CpsmsSimulation.SentMessage> held = sim.cpsms().account(USER).messages();
        Set<String> heldTexts = new HashSet<>();
        held.forEach(m -> heldTexts.add(m.message()));
        assertThat(otherOutcomes.get()).isZero();
        assertThat(accepted.size() + inDoubt.size() + failedSafely.size()).isEqualTo(SENDS);
        assertThat(held).as("no message sent twice").hasSameSizeAs(heldTexts);
        assertThat(heldTexts).containsAll(accepted);
        Set<String> heldButNotAccepted = new HashSet<>(heldTexts);
        heldButNotAccepted.removeAll(accepted);
        assertThat(inDoubt).as("a message the component did not see accepted was in doubt")
                .containsAll(heldButNotAccepted);
        assertThat(failedSafely).as("a failure that was not in doubt sent nothing").noneMatch(heldTexts::contains);
        assertThat(held.size()).isEqualTo(accepted.size() + heldButNotAccepted.size());
        assertThat(sim.requests().stream().filter(r -> r.fault() != null).count())
                .as("faults were injected").isGreaterThan(20);
        assertThat(inDoubt).as("in-doubt failures happened").isNotEmpty();
        assertThat(accepted.size()).isGreaterThan(SENDS * 97 / 100);

        held = null;
        heldTexts.clear();
        heldButNotAccepted.clear();
        accepted.clear();
        inDoubt.clear();
        failedSafely.clear();
        sim.cpsms().account(USER).clearMessages();
        sim.clearRequests();
        long heapAfter = usedHeapAfterGc();
        assertThat((double) heapAfter).as("heap after (%d) vs before (%d)", heapAfter, heapBefore)
                .isLessThanOrEqualTo(heapBefore * 1.10);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(Duration.ofMillis(100).toMillis());
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
