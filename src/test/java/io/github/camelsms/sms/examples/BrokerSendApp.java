package io.github.camelsms.sms.examples;

import org.apache.camel.main.Main;

/**
 * The application of examples/routes/several-instances/broker-send.yaml: camel-main with that one route file.
 * Arguments are {@code name=value} properties (the sms component's settings, broker.url, sms.keys-dir).
 * BrokerSendPipelineTest starts it as a JVM of its own, so that it can kill it.
 */
public final class BrokerSendApp {

    public static final String ROUTES = "file:examples/routes/several-instances/broker-send.yaml";

    private BrokerSendApp() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern(ROUTES);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            main.addInitialProperty(arg.substring(0, eq), arg.substring(eq + 1));
        }
        main.run();
    }
}
