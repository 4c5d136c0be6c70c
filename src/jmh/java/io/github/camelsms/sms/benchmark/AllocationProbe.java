package io.github.camelsms.sms.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A quick check between hot-spot fixes ({@code mvn -B -Pbenchmark -Dbench.probe=true}): bytes allocated, wall time and
 * CPU time per send on one calling thread, for each client, without JMH's forks. Bytes and CPU are counted over every
 * Java thread except the stub's (the asynchronous clients do half their work on their I/O threads), and also for the
 * calling thread alone. CPU time hardly depends on what else the machine runs, so it compares the clients' own cost
 * where throughput is too noisy.
 */
final class AllocationProbe {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationProbe() {
    }

    static String run(int sends) throws Exception {
        StringBuilder sb = new StringBuilder("## Allocation probe (1 thread, " + sends + " sends each)\n\n"
                                             + "| client | bytes/send | CPU us/send | wall us/send"
                                             + " | calling thread's bytes/send | calling thread's CPU us/send |\n"
                                             + "|---|---|---|---|---|---|\n");
        try (CannedHttpStub stub = new CannedHttpStub();
             BenchmarkFixture camel = new BenchmarkFixture(stub.baseUrl());
             RawHttpClient raw = new RawHttpClient(stub.baseUrl());
             RawAsyncHttpClient rawAsync = new RawAsyncHttpClient(stub.baseUrl())) {
            // e.g. -Dbench.probeOnly=Async,Sms: only the clients whose names contain one of these
            String[] only = System.getProperty("bench.probeOnly", "").split(",");
            Object[][] clients = {
                    { "camelOnly", (Callable<?>) camel::sendCamelOnly },
                    { "cpsmsHttpClient", (Callable<?>) raw::postCpsms },
                    { "cpsmsHttpAsyncClient", (Callable<?>) rawAsync::postCpsms },
                    { "cpsmsSms", (Callable<?>) camel::sendSmsCpsms },
                    { "cpsmsCamelHttp", (Callable<?>) camel::sendCpsmsByHand },
                    { "lamlHttpClient", (Callable<?>) raw::postLaml },
                    { "lamlHttpAsyncClient", (Callable<?>) rawAsync::postLaml },
                    { "lamlSms", (Callable<?>) camel::sendSmsMycpaas },
                    { "lamlCamelHttp", (Callable<?>) camel::sendLamlByHand } };
            for (Object[] client : clients) {
                if (java.util.Arrays.stream(only).anyMatch(((String) client[0])::contains)) {
                    sb.append(probe((String) client[0], sends, (Callable<?>) client[1]));
                }
            }
        }
        return sb.append('\n').toString();
    }

    private static String probe(String name, int sends, Callable<?> send) throws Exception {
        long id = Thread.currentThread().getId();
        for (int i = 0; i < sends; i++) {
            send.call();
        }
        long[] ids = THREADS.getAllThreadIds(); // the clients' threads exist after the warm-up
        long bytes = sum(THREADS.getThreadAllocatedBytes(ids), ids);
        long cpu = sum(THREADS.getThreadCpuTime(ids), ids);
        long callerBytes = THREADS.getThreadAllocatedBytes(id);
        long callerCpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (int i = 0; i < sends; i++) {
            send.call();
        }
        double micros = (System.nanoTime() - started) / 1e3 / sends;
        callerCpu = THREADS.getCurrentThreadCpuTime() - callerCpu;
        callerBytes = THREADS.getThreadAllocatedBytes(id) - callerBytes;
        bytes = sum(THREADS.getThreadAllocatedBytes(ids), ids) - bytes;
        cpu = sum(THREADS.getThreadCpuTime(ids), ids) - cpu;
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,d | %.1f |%n", name, bytes / sends,
                cpu / 1e3 / sends, micros, callerBytes / sends, callerCpu / 1e3 / sends);
    }

    /** The sum over the threads that are not the stub's. */
    private static long sum(long[] values, long[] ids) {
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && values[i] > 0 && !infos[i].getThreadName().startsWith("canned-stub")) {
                total += values[i];
            }
        }
        return total;
    }
}
