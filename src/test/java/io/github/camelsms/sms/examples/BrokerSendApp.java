package io.github.camelsms.sms.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The application of examples/routes/several-instances/broker-send.yaml: camel-main with that one route file.
 * Arguments are {@code name=value} properties (the sms component's settings, broker.url, sms.keys-dir).
 * BrokerSendPipelineTest starts it as a JVM of its own, so that it can kill it.
 * <p>
 * For tests only, {@code halt.after=<queue>} and {@code halt.record=<file>} make the JVM halt (as abruptly as a
 * SIGKILL) right after the route's first publish to that queue, before the consumer's transaction commits; the
 * published message's SmsKey, queue and SmsFailure are appended to the record first.
 */
public final class BrokerSendApp {

    public static final String ROUTES = "file:examples/routes/several-instances/broker-send.yaml";

    private BrokerSendApp() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern(ROUTES);
        String haltAfter = null;
        String haltRecord = null;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            String name = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "halt.after" -> haltAfter = value;
                case "halt.record" -> haltRecord = value;
                default -> main.addInitialProperty(name, value);
            }
        }
        if (haltAfter != null) {
            // camel-main adds the EventNotifier beans it finds in the registry
            main.bind("haltAfterPublish", new HaltAfterPublish(haltAfter, Path.of(haltRecord)));
        }
        main.run();
    }

    /** Halts the JVM on the route's thread right after a send to the queue, so its transaction never commits. */
    private static final class HaltAfterPublish extends EventNotifierSupport {

        private final String queue;
        private final Path record;

        HaltAfterPublish(String queue, Path record) {
            this.queue = queue;
            this.record = record;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            // Camel notifies the sent event only if a notifier took the sending event
            return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
        }

        @Override
        public synchronized void notify(CamelEvent event) throws IOException {
            // synchronized: when two consumers publish at once, one halts the JVM and the other never records
            if (event instanceof ExchangeSentEvent sent
                && sent.getEndpoint().getEndpointUri().contains("queue:" + queue + "?")) {
                String line = String.join("\t", sent.getExchange().getMessage().getHeader("SmsKey", String.class),
                        queue, sent.getExchange().getMessage().getHeader("SmsFailure", String.class)) + "\n";
                Files.writeString(record, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
