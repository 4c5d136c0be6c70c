package io.github.camelsms.sms.examples;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.github.camelsms.sms.simulator.CpsmsSimulation;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs examples/routes/several-instances/broker-send.yaml in a JVM of its own against an embedded Artemis broker and
 * the simulator, kills it (SIGKILL) in the middle of 1,000 sends, starts it again, and checks with the simulator's
 * record that every message was sent exactly once or is on sms.in-doubt, flagged: none lost, none sent twice.
 */
class BrokerSendPipelineTest {

    private static final int MESSAGES = 1000;
    private static final int KILL_ORDERS = 40;
    private static final String USER = "pipeline";
    private static final String API_KEY = "pipeline-api-key";
    private static final Duration HOLD = Duration.ofSeconds(5);
    private static final List<Fault> RANDOM_FAULTS = List.of(Fault.delay(Duration.ofMillis(20)),
            Fault.delay(Duration.ofMillis(20)), Fault.delay(Duration.ofMillis(20)), Fault.delay(Duration.ofMillis(20)),
            Fault.dropAfterHandling(), Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void killedInTheMiddleOfAThousandSendsLosesNoneAndSendsNoneTwice() throws Exception {
        try (SmsSimulator simulator = SmsSimulator.start()) {
            CpsmsSimulation.Account account = simulator.cpsms().addAccount(USER, API_KEY, new BigDecimal("100000"));
            int brokerPort = AvailablePortFinder.getNextAvailable();
            EmbeddedActiveMQ broker = startBroker(brokerPort, 5);
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
            try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(brokerUrl)) {
                publish(connectionFactory, MESSAGES, i -> String.format("+45221%05d", i));

                Process app = startApp(simulator, brokerUrl, "first");
                awaitOrFail(() -> account.messages().size() >= MESSAGES / 4, app, "the first run to send 250 SMS");
                // hold the next four requests (one per consumer), then kill the application while they are in
                // flight: two the simulator carries out after the kill, two it never carries out
                int before = simulator.requests().size();
                simulator.inject(Fault.delay(HOLD), 2);
                simulator.inject(new Fault(Fault.Kind.STATUS, HOLD, 500, "{}", Map.of(), null), 2);
                awaitOrFail(() -> simulator.requests().size() >= before + 4, app, "four requests in flight");
                Instant killedAt = Instant.now();
                app.destroyForcibly();
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
                List<RecordedRequest> held = simulator.requests().subList(before, before + 4);
                assertThat(held).extracting(RecordedRequest::fault)
                        .containsExactlyInAnyOrder("DELAY", "DELAY", "STATUS", "STATUS");
                // on a slow machine a held request may have been answered before the last one arrived
                List<RecordedRequest> inFlight = held.stream().filter(r -> r.at().plus(HOLD).isAfter(killedAt))
                        .toList();
                assertThat(inFlight).extracting(RecordedRequest::fault).as("in flight at the kill").contains("STATUS");
                Thread.sleep(HOLD.toMillis());
                int sentBeforeKill = account.messages().size();
                assertThat(sentBeforeKill).as("sent before the kill").isLessThan(MESSAGES);
                // the second run meets failures after which an SMS is in doubt: sent, then the connection drops; or a 500
                simulator.randomFaults(0.25, RANDOM_FAULTS);

                app = startApp(simulator, brokerUrl, "second");
                awaitOrFail(() -> messageCount(broker, "sms.send") == 0, app, "the second run to empty sms.send");
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
                assertThat(account.messages().size()).as("sent after the restart").isGreaterThan(sentBeforeKill);

                Map<String, Long> sends = account.messages().stream()
                        .collect(Collectors.groupingBy(m -> m.message(), TreeMap::new, Collectors.counting()));
                Map<String, Message> inDoubt = drain(connectionFactory, "sms.in-doubt");
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    String key = key(i);
                    long sent = sends.getOrDefault(text(key), 0L);
                    if (sent > 1) {
                        problems.add(key + " sent " + sent + " times");
                    } else if (sent == 0 && !inDoubt.containsKey(key)) {
                        problems.add(key + " lost: neither sent nor in doubt");
                    }
                }
                long crashed = inDoubt.values().stream().filter(m -> failure(m).startsWith("the application stopped"))
                        .count();
                System.out.printf("sent before the kill: %d, sent in all: %d, in doubt: %d (%d of them by the kill)%n",
                        sentBeforeKill, sends.size(), inDoubt.size(), crashed);
                assertThat(problems).isEmpty();
                // the four in flight at the kill: on sms.in-doubt; the two the simulator carried out sent once
                for (RecordedRequest request : inFlight) {
                    String text = request.json().get("message").asText();
                    assertThat(inDoubt).as("in doubt after the kill: " + text).containsKey(text.split(" ")[1]);
                    assertThat(failure(inDoubt.get(text.split(" ")[1]))).startsWith("the application stopped");
                    assertThat(sends.getOrDefault(text, 0L)).as("sends of " + text)
                            .isEqualTo(request.fault().equals("DELAY") ? 1 : 0);
                }
                assertThat(sends).as("sent: only the published messages").hasSizeLessThanOrEqualTo(MESSAGES)
                        .allSatisfy((text, count) -> assertThat(text).matches("Order order-\\d{4} has shipped\\."));
                assertThat(inDoubt).as("the injected in-doubt failures").isNotEmpty();
                for (Message message : inDoubt.values()) {
                    assertThat(message.getBooleanProperty("SmsInDoubt")).isTrue();
                    assertThat(message.getStringProperty("SmsFailure")).isNotBlank().doesNotContain(API_KEY);
                    assertThat(message.getStringProperty("SmsTo")).startsWith("+45221");
                    assertThat(message.getBody(String.class)).matches("Order order-\\d{4} has shipped\\.");
                }
                assertThat(drain(connectionFactory, "sms.failed")).as("sms.failed").isEmpty();
                assertThat(messageCount(broker, "sms.dead")).as("broker's dead letters").isZero();
            } finally {
                broker.stop();
            }
        }
    }

    /**
     * Halts the application right after it published an outcome, before the consumer's transaction commits: after
     * a publish to sms.failed, after one to sms.in-doubt (a 500), and after one to sms.in-doubt for a message the
     * previous kill put back. The broker redelivers each of those messages; if the publish had committed on its own,
     * the redelivered message would be published a second time.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killedBetweenPublishingAnOutcomeAndCommittingPublishesItOnce() throws Exception {
        try (SmsSimulator simulator = SmsSimulator.start()) {
            CpsmsSimulation.Account account = simulator.cpsms().addAccount(USER, API_KEY, new BigDecimal("100000"));
            int brokerPort = AvailablePortFinder.getNextAvailable();
            // every kill counts as a delivery of the messages the consumers had fetched: no dead letters from that
            EmbeddedActiveMQ broker = startBroker(brokerPort, 20);
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
            try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(brokerUrl)) {
                publish(connectionFactory, KILL_ORDERS, i -> refused(i) ? "+4512" : String.format("+45221%05d", i));
                Path record = dir.resolve("halts.txt");

                // a number the component refuses goes to sms.failed
                runUntilHalted(simulator, brokerUrl, "kill-1-failed", "sms.failed", record, 1);
                // every send answered 500: in doubt, not carried out
                simulator.randomFaults(1.0, List.of(Fault.status(500, "{}")));
                runUntilHalted(simulator, brokerUrl, "kill-2-in-doubt", "sms.in-doubt", record, 2);
                // no faults: the only in-doubt publishes are of the messages whose send a kill cut short
                simulator.clearFaults();
                runUntilHalted(simulator, brokerUrl, "kill-3-stopped", "sms.in-doubt", record, 3);
                simulator.randomFaults(0.3, List.of(Fault.status(500, "{}")));
                Process app = startApp(simulator, brokerUrl, "last");
                awaitOrFail(() -> messageCount(broker, "sms.send") == 0, app, "the last run to empty sms.send");
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);

                List<String[]> halts = Files.readAllLines(record).stream().map(line -> line.split("\t")).toList();
                assertThat(halts).extracting(halt -> halt[1])
                        .containsExactly("sms.failed", "sms.in-doubt", "sms.in-doubt");
                assertThat(halts.get(2)[2]).as("the third kill's publish").startsWith("the application stopped");
                Map<String, Long> sends = account.messages().stream()
                        .collect(Collectors.groupingBy(m -> m.message(), TreeMap::new, Collectors.counting()));
                Map<String, Message> inDoubt = drain(connectionFactory, "sms.in-doubt");
                Map<String, Message> failed = drain(connectionFactory, "sms.failed");
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < KILL_ORDERS; i++) {
                    String key = key(i);
                    long sent = sends.getOrDefault(text(key), 0L);
                    boolean outcome = inDoubt.containsKey(key) || failed.containsKey(key);
                    if (inDoubt.containsKey(key) && failed.containsKey(key)) {
                        problems.add(key + " both in doubt and failed");
                    } else if (refused(i) && !failed.containsKey(key)) {
                        problems.add(key + " refused but not on sms.failed");
                    } else if (sent > 1 || sent == 1 && failed.containsKey(key)) {
                        problems.add(key + " sent " + sent + " times" + (outcome ? " and failed" : ""));
                    } else if (sent == 0 && !outcome) {
                        problems.add(key + " lost: neither sent, in doubt nor failed");
                    }
                }
                assertThat(problems).isEmpty();
                assertThat(failed).as("the first kill's message").containsKey(halts.get(0)[0]);
                assertThat(inDoubt).as("the other kills' messages").containsKeys(halts.get(1)[0], halts.get(2)[0]);
                assertThat(messageCount(broker, "sms.dead")).as("broker's dead letters").isZero();
            } finally {
                broker.stop();
            }
        }
    }

    /** Runs the application until its route halts it right after publishing to the queue (the halt's record line). */
    private void runUntilHalted(SmsSimulator simulator, String brokerUrl, String run, String queue, Path record,
            int halts) throws Exception {
        Process app = startApp(simulator, brokerUrl, run, "halt.after=" + queue, "halt.record=" + record);
        if (!app.waitFor(90, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            fail("waited in vain for " + run + " to halt after a publish to " + queue + "; its log:\n" + logs());
        }
        assertThat(app.exitValue()).as(run + " halted after a publish to " + queue + "; its log:\n" + logs())
                .isEqualTo(137);
        assertThat(Files.readAllLines(record)).as("halts").hasSize(halts);
    }

    private static boolean refused(int i) {
        return i % 5 == 4;
    }

    private EmbeddedActiveMQ startBroker(int port, int maxDeliveryAttempts) throws Exception {
        Path data = dir.resolve("broker");
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(true);
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalDirectory(data.resolve("journal").toString());
        configuration.setBindingsDirectory(data.resolve("bindings").toString());
        configuration.setPagingDirectory(data.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(data.resolve("large").toString());
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.addAcceptorConfiguration("loopback", "tcp://127.0.0.1:" + port);
        configuration.addAddressSetting("sms.#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("sms.dead"))
                .setAutoCreateDeadLetterResources(true)
                .setMaxDeliveryAttempts(maxDeliveryAttempts));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        return broker;
    }

    private static void publish(ActiveMQConnectionFactory connectionFactory, int count, IntFunction<String> to) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("sms.send");
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < count; i++) {
                producer.setProperty("SmsKey", key(i))
                        .setProperty("SmsTo", to.apply(i))
                        .send(queue, text(key(i)));
            }
            context.commit();
        }
    }

    private static Map<String, Message> drain(ActiveMQConnectionFactory connectionFactory, String queueName)
            throws Exception {
        Map<String, Message> messages = new HashMap<>();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queueName))) {
            for (Message message = consumer.receive(1000); message != null; message = consumer.receive(500)) {
                Message earlier = messages.put(message.getStringProperty("SmsKey"), message);
                assertThat(earlier).as("twice on " + queueName + ": " + message.getStringProperty("SmsKey")).isNull();
            }
        }
        return messages;
    }

    private static long messageCount(EmbeddedActiveMQ broker, String queueName) {
        org.apache.activemq.artemis.core.server.Queue queue
                = broker.getActiveMQServer().locateQueue(SimpleString.of(queueName));
        return queue == null ? 0 : queue.getMessageCount();
    }

    private Process startApp(SmsSimulator simulator, String brokerUrl, String run, String... moreArguments)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve(run + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + new File("src/test/resources/logback-examples.xml").getAbsolutePath(),
                "-cp", classpath, BrokerSendApp.class.getName(),
                "camel.component.sms.base-url=" + simulator.baseUrl(),
                "camel.component.sms.username=" + USER,
                "camel.component.sms.api-key=" + API_KEY,
                "broker.url=" + brokerUrl,
                "sms.keys-dir=" + dir.resolve("keys")));
        command.addAll(List.of(moreArguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitOrFail(BooleanSupplier condition, Process app, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                app.destroyForcibly();
                fail("waited in vain for " + what + (app.isAlive() ? "" : " (the application exited)") + "; its log:\n"
                     + logs());
            }
            Thread.sleep(5);
        }
    }

    private String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        List<Path> logs;
        try (var files = Files.list(dir)) {
            logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            text.append("--- ").append(log.getFileName()).append("\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())));
        }
        return text.toString();
    }

    private static String failure(Message message) {
        try {
            return message.getStringProperty("SmsFailure");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(int i) {
        return String.format("order-%04d", i);
    }

    private static String text(String key) {
        return "Order " + key + " has shipped.";
    }
}
