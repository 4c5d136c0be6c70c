package io.github.camelsms.sms.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A quick check between hot-spot fixes ({@code mvn -B -Pbenchmark -Dbench.probe=true}): bytes allocated, wall time and
 * the calling thread's CPU time per send on one thread, for each client, without JMH's forks. The CPU time hardly
 * depends on what else the machine runs, so it compares the clients' own cost where throughput is too noisy.
 */
final class AllocationProbe {

    private AllocationProbe() {
    }

    static String run(int sends) throws Exception {
        StringBuilder sb = new StringBuilder("## Allocation probe (1 thread, " + sends + " sends each)\n\n"
                                             + "| client | bytes/send | wall us/send | calling thread's CPU us/send |\n|---|---|---|---|\n");
        try (CannedHttpStub stub = new CannedHttpStub();
             BenchmarkFixture camel = new BenchmarkFixture(stub.baseUrl());
             RawHttpClient raw = new RawHttpClient(stub.baseUrl())) {
            sb.append(probe("camelOnly", sends, camel::sendCamelOnly));
            sb.append(probe("cpsmsHttpClient", sends, raw::postCpsms));
            sb.append(probe("cpsmsSms", sends, camel::sendSmsCpsms));
            sb.append(probe("cpsmsCamelHttp", sends, camel::sendCpsmsByHand));
            sb.append(probe("lamlHttpClient", sends, raw::postLaml));
            sb.append(probe("lamlSms", sends, camel::sendSmsMycpaas));
            sb.append(probe("lamlCamelHttp", sends, camel::sendLamlByHand));
        }
        return sb.append('\n').toString();
    }

    private static String probe(String name, int sends, Callable<?> send) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < sends; i++) {
            send.call();
        }
        long bytes = threads.getThreadAllocatedBytes(id);
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (int i = 0; i < sends; i++) {
            send.call();
        }
        double micros = (System.nanoTime() - started) / 1e3 / sends;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        bytes = threads.getThreadAllocatedBytes(id) - bytes;
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f |%n", name, bytes / sends, micros,
                cpu / 1e3 / sends);
    }
}
