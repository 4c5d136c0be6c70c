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
            EmbeddedActiveMQ broker = startBroker(brokerPort);
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
            try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(brokerUrl)) {
                publish(connectionFactory);

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

    private EmbeddedActiveMQ startBroker(int port) throws Exception {
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
                .setMaxDeliveryAttempts(5));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        return broker;
    }

    private static void publish(ActiveMQConnectionFactory connectionFactory) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("sms.send");
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MESSAGES; i++) {
                producer.setProperty("SmsKey", key(i))
                        .setProperty("SmsTo", String.format("+45221%05d", i))
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

    private Process startApp(SmsSimulator simulator, String brokerUrl, String run) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve(run + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + new File("src/test/resources/logback-examples.xml").getAbsolutePath(),
                "-cp", classpath, BrokerSendApp.class.getName(),
                "camel.component.sms.base-url=" + simulator.baseUrl(),
                "camel.component.sms.username=" + USER,
                "camel.component.sms.api-key=" + API_KEY,
                "broker.url=" + brokerUrl,
                "sms.keys-dir=" + dir.resolve("keys"));
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
        for (String run : List.of("first", "second")) {
            Path log = dir.resolve(run + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("--- ").append(run).append(" run\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())));
            }
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
