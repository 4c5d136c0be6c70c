package io.github.camelsms.sms.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

/**
 * The one entry point ({@code mvn -B -Pbenchmark}): runs {@link SendBenchmark} at 1 and 16 threads (throughput with
 * the gc profiler, then sample time for percentiles), prints the table with the ratios to the raw HttpClient 5
 * ceiling, then the flat-heap soak and the 10,000-recipient bulk sends. Everything goes to stdout and to
 * target/benchmarks/results.md.
 */
public final class BenchmarkMain {

    private static final int[] CONCURRENCY = java.util.Arrays.stream(
            System.getProperty("bench.threads", "1,16").split(",")).mapToInt(Integer::parseInt).toArray();

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int warmupIterations = Integer.getInteger("bench.warmupIterations", 4);
        int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 1);
        int iterations = Integer.getInteger("bench.iterations", 8);
        int seconds = Integer.getInteger("bench.seconds", 1);
        int soakSends = Integer.getInteger("bench.soakSends", 1_000_000);
        String include = System.getProperty("bench.include", "");
        StringBuilder report = new StringBuilder();
        report.append("# camel-sms benchmark results\n\n")
                .append(String.format(Locale.ROOT, "%s, %d cores, Java %s (%s), max heap %d MB%n%n",
                        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                        System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20))
                .append(String.format(Locale.ROOT, "JMH: 1 fork, %d x %d s warmup, %d x %d s measurement per mode;"
                                                   + " errors are JMH's 99.9%% intervals%n%n",
                        warmupIterations, warmupSeconds, iterations, seconds))
                .append("Load average (1, 5, 15 min) at the start: ").append(loadAverage()).append("\n\n");

        if (Boolean.getBoolean("bench.probe")) {
            System.out.println(AllocationProbe.run(Integer.getInteger("bench.probeSends", 50_000)));
            return;
        }
        if (!"none".equals(include)) {
            Map<String, Row> rows = new LinkedHashMap<>();
            for (int threads : CONCURRENCY) {
                ChainedOptionsBuilder base = new OptionsBuilder()
                        .include(SendBenchmark.class.getName() + ".*" + include)
                        .forks(1).threads(threads)
                        .warmupIterations(warmupIterations).warmupTime(TimeValue.seconds(warmupSeconds))
                        .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                        .jvmArgs("-Xms512m", "-Xmx512m", "-Dlogback.configurationFile="
                                                             + System.getProperty("logback.configurationFile"));
                for (RunResult r : new Runner(base.mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS)
                        .addProfiler(GCProfiler.class).build()).run()) {
                    Row row = rows.computeIfAbsent(key(r, threads), k -> new Row(method(r), threads));
                    row.throughput = r.getPrimaryResult().getScore();
                    row.throughputError = r.getPrimaryResult().getScoreError();
                    row.allocPerOp = allocPerOp(r);
                }
                Collection<RunResult> sampled = new Runner(new OptionsBuilder().parent(base.build())
                        .mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS).build()).run();
                for (RunResult r : sampled) {
                    Row row = rows.computeIfAbsent(key(r, threads), k -> new Row(method(r), threads));
                    row.p50 = r.getPrimaryResult().getStatistics().getPercentile(50);
                    row.p99 = r.getPrimaryResult().getStatistics().getPercentile(99);
                }
            }
            report.append(table(rows));
            write(report);
        }
        if (soakSends > 0) {
            report.append(HeapSoak.run(soakSends, 16));
            write(report);
        }
        if (Boolean.parseBoolean(System.getProperty("bench.bulk", "true"))) {
            report.append(BulkSend.run());
            write(report);
        }
        if (Boolean.parseBoolean(System.getProperty("bench.latency", "true"))) {
            report.append(LatencyBound.run());
        }
        report.append("Load average at the end: ").append(loadAverage()).append('\n');
        write(report);
        System.out.println();
        System.out.println(report);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String key(RunResult r, int threads) {
        return method(r) + "@" + threads;
    }

    private static String method(RunResult r) {
        String name = r.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static double allocPerOp(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String table(Map<String, Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| provider | threads | client | sends/s | x ceiling | x async | p50 us | p99 us | bytes/send"
                  + " | alloc x ceiling | alloc x async |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int threads : CONCURRENCY) {
            Row floor = rows.get("stubFloor@" + threads);
            if (floor != null) {
                sb.append(line("(stub)", threads, "bare socket, canned request", floor, null, null));
            }
            Row camelOnly = rows.get("camelOnly@" + threads);
            if (camelOnly != null) {
                sb.append(line("(camel)", threads, "template + one-step route, no HTTP", camelOnly, null, null));
            }
            for (String provider : List.of("cpsms", "laml")) {
                Row ceiling = rows.get(provider + "HttpClient@" + threads);
                Row async = rows.get(provider + "HttpAsyncClient@" + threads);
                List<String[]> clients = new ArrayList<>();
                clients.add(new String[] { "HttpClient", "raw HttpClient 5 (ceiling)" });
                clients.add(new String[] { "HttpAsyncClient", "raw HttpClient 5 async (transport alone)" });
                clients.add(new String[] { "Sms", provider.equals("cpsms") ? "sms:cpsms/send" : "sms:mycpaas/send" });
                clients.add(new String[] { "CamelHttp", "route + camel-http by hand" });
                for (String[] client : clients) {
                    Row row = rows.get(provider + client[0] + "@" + threads);
                    if (row != null) {
                        sb.append(line(provider, threads, client[1], row, ceiling, async));
                    }
                }
            }
        }
        sb.append("\nsms: vs the hand-written camel-http route (throughput ratio): ");
        sb.append(ratios(rows, "Sms", "CamelHttp"));
        sb.append("\nsms: vs raw HttpClient 5 async, the transport alone (throughput ratio): ");
        sb.append(ratios(rows, "Sms", "HttpAsyncClient"));
        sb.append("\nraw HttpClient 5 async vs the classic ceiling (throughput ratio): ");
        sb.append(ratios(rows, "HttpAsyncClient", "HttpClient"));
        return sb.append("\n\n").toString();
    }

    private static String ratios(Map<String, Row> rows, String client, String reference) {
        List<String> parts = new ArrayList<>();
        for (String provider : List.of("cpsms", "laml")) {
            for (int threads : CONCURRENCY) {
                parts.add(ratio(provider + "@" + threads, rows.get(provider + client + "@" + threads),
                        rows.get(provider + reference + "@" + threads)));
            }
        }
        return String.join(", ", parts);
    }

    private static String ratio(String label, Row a, Row b) {
        return a == null || b == null ? label + " n/a"
                : String.format(Locale.ROOT, "%s %.2fx", label, a.throughput / b.throughput);
    }

    private static String line(String provider, int threads, String client, Row row, Row ceiling, Row async) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %,.0f ± %,.0f | %s | %s | %.0f | %.0f | %,.0f | %s | %s |%n",
                provider, threads, client, row.throughput, row.throughputError,
                times(row.throughput, ceiling == null ? Double.NaN : ceiling.throughput),
                times(row.throughput, async == null ? Double.NaN : async.throughput),
                row.p50, row.p99, row.allocPerOp,
                times(row.allocPerOp, ceiling == null ? Double.NaN : ceiling.allocPerOp),
                times(row.allocPerOp, async == null ? Double.NaN : async.allocPerOp));
    }

    private static String times(double value, double reference) {
        return Double.isNaN(reference) ? "" : String.format(Locale.ROOT, "%.2f", value / reference);
    }

    private static void write(StringBuilder report) throws IOException {
        Path out = Path.of("target", "benchmarks", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static final class Row {
        final String method;
        final int threads;
        double throughput = Double.NaN;
        double throughputError = Double.NaN;
        double allocPerOp = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;

        Row(String method, int threads) {
            this.method = method;
            this.threads = threads;
        }
    }
}
