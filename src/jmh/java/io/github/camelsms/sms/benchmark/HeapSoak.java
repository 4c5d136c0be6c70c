package io.github.camelsms.sms.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends many messages through sms:cpsms/send at the stub and checks that the live heap stays flat: the heap used
 * after a full GC at ten checkpoints.
 */
final class HeapSoak {

    private HeapSoak() {
    }

    static String run(int sends, int threads) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (CannedHttpStub stub = new CannedHttpStub(); BenchmarkFixture camel = new BenchmarkFixture(stub.baseUrl())) {
            for (int i = 0; i < 20_000; i++) {
                camel.sendSmsCpsms(); // warm up before the first checkpoint
            }
            int step = Math.max(1, sends / 10);
            AtomicLong next = new AtomicLong();
            List<long[]> checkpoints = new ArrayList<>();
            checkpoints.add(new long[] { 0, liveHeap() });
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            try {
                for (int done = 0; done < sends; done += step) {
                    long target = Math.min(sends, done + (long) step);
                    List<Future<?>> workers = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        workers.add(pool.submit(() -> {
                            while (next.incrementAndGet() <= target) {
                                camel.sendSmsCpsms();
                            }
                            next.decrementAndGet();
                        }));
                    }
                    for (Future<?> w : workers) {
                        w.get();
                    }
                    next.set(target);
                    checkpoints.add(new long[] { target, liveHeap() });
                }
            } finally {
                pool.shutdownNow();
            }
            double secs = (System.nanoTime() - started) / 1e9;
            long first = checkpoints.get(1)[1];
            long last = checkpoints.get(checkpoints.size() - 1)[1];
            long max = checkpoints.stream().skip(1).mapToLong(c -> c[1]).max().orElse(0);
            sb.append(String.format(Locale.ROOT, "## Flat heap: %,d sends through sms:cpsms/send, %d threads%n%n",
                    sends, threads));
            sb.append(String.format(Locale.ROOT, "%.0f s (%,.0f sends/s); stub answered %,d requests. Live heap"
                                                 + " after full GC (MB):", secs, sends / secs, stub.requests()));
            for (long[] c : checkpoints) {
                sb.append(String.format(Locale.ROOT, " %,d: %.1f;", c[0], c[1] / 1048576.0));
            }
            sb.append(String.format(Locale.ROOT, "%nAfter the first checkpoint: last - first = %+.2f MB, highest"
                                                 + " %.1f MB.%n%n", (last - first) / 1048576.0, max / 1048576.0));
        }
        return sb.toString();
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
