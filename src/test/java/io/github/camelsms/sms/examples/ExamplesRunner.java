package io.github.camelsms.sms.examples;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Runs every route in examples/routes against the built-in simulator: no credentials and no internet needed.
 * {@code mvn -B -Pexamples} runs it.
 */
public final class ExamplesRunner {

    public static final String CPSMS_USER = "demo";
    public static final String CPSMS_API_KEY = "demo-api-key";
    public static final String ACCOUNT_SID = "AC0000000000000000000000000000demo";
    public static final String AUTH_TOKEN = "demo-auth-token";

    private ExamplesRunner() {
    }

    /** What a run did: the exchanges that failed and the requests the simulator received. */
    public record Outcome(int failedExchanges, List<RecordedRequest> requests) {
    }

    public static void main(String[] args) throws Exception {
        String pattern = args.length > 0 ? args[0] : "file:examples/routes/*";
        try (SmsSimulator simulator = SmsSimulator.start()) {
            Outcome outcome = run(simulator, pattern);
            System.out.println();
            System.out.println("The simulator at " + simulator.baseUrl() + " received " + outcome.requests().size()
                               + " requests:");
            outcome.requests().forEach(r -> System.out.println("  " + r + "  " + r.body()));
            System.out.println(outcome.failedExchanges() == 0 ? "All examples ran."
                    : outcome.failedExchanges() + " example exchange(s) failed: see the log above.");
            if (outcome.failedExchanges() > 0) {
                System.exit(1);
            }
        }
    }

    /** Loads the routes matching the pattern, points the sms component at the simulator and runs until idle. */
    public static Outcome run(SmsSimulator simulator, String routesPattern) throws Exception {
        simulator.cpsms().addAccount(CPSMS_USER, CPSMS_API_KEY, new BigDecimal("500"));
        simulator.cpsms().logRateLimit(Duration.ZERO);
        // the failover examples' primary account has no credit, so they fall back to mycpaas
        simulator.cpsms().addAccount("failover-demo", CPSMS_API_KEY, BigDecimal.ZERO);
        simulator.laml().addAccount(ACCOUNT_SID, AUTH_TOKEN);
        simulator.laml().statusDelay(Duration.ofMillis(100));

        AtomicInteger failures = new AtomicInteger();
        Main main = new Main();
        main.configure().withRoutesIncludePattern(routesPattern)
                .withDurationMaxIdleSeconds(1)
                .withDurationMaxSeconds(60);
        main.addInitialProperty("camel.component.sms.base-url", simulator.baseUrl());
        main.addInitialProperty("camel.component.sms.username", CPSMS_USER);
        main.addInitialProperty("camel.component.sms.api-key", CPSMS_API_KEY);
        main.addInitialProperty("camel.component.sms.account-sid", ACCOUNT_SID);
        main.addInitialProperty("camel.component.sms.auth-token", AUTH_TOKEN);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configured.getCamelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.ExchangeFailedEvent) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        });
        main.run();
        return new Outcome(failures.get(), simulator.requests());
    }
}
