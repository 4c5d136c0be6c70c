package io.github.camelsms.sms.examples;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsms.sms.SmsEndpoint;
import io.github.camelsms.sms.simulator.LamlSimulation;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import org.apache.camel.Endpoint;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.test.AvailablePortFinder;

/**
 * Runs every route in examples/routes against the built-in simulator: no credentials and no internet needed.
 * {@code mvn -B -Pexamples} runs it.
 */
public final class ExamplesRunner {

    public static final String CPSMS_USER = "demo";
    public static final String CPSMS_API_KEY = "demo-api-key";
    public static final String ACCOUNT_SID = "AC000000000000000000000000000000de";
    public static final String AUTH_TOKEN = "demo-auth-token";
    public static final String SIGNALWIRE_PROJECT_ID = "ea108133-d6b3-407c-9536-9fad8a929a6a";
    public static final String SIGNALWIRE_API_TOKEN = "PT-demo-api-token";
    public static final String SIGNALWIRE_SIGNING_KEY = "PSK_demo-signing-key";
    public static final String VONAGE_API_KEY = "demo1234";
    public static final String VONAGE_SECRET = "demo-vonage-secret";
    public static final String MESSAGING_SERVICE_SID = "MG000000000000000000000000000000de";
    public static final String TELNYX_API_KEY = "KEY-demo-telnyx-api-key";
    public static final String GATEWAYAPI_TOKEN = "demo-gatewayapi-token";
    public static final String SINCH_SERVICE_PLAN_ID = "demo0service0plan";
    public static final String SINCH_API_TOKEN = "demo-sinch-api-token";
    public static final String WEBHOOK_VERIFY_TOKEN = "demo-webhook-verify-token";
    public static final String INFOBIP_API_KEY = "demo-infobip-api-key";
    /** The inbound SMS the runner delivers to each sms:.../inbound consumer of the examples. */
    public static final String INBOUND_FROM = "+4522334488";
    public static final String INBOUND_TO = "+4570200000";
    public static final String INBOUND_TEXT = "When are you open?";

    private ExamplesRunner() {
    }

    /**
     * What a run did: the exchanges that failed, the requests the simulator received, the HTTP statuses its callbacks
     * were answered with, and the replies of the inbound consumers.
     */
    public record Outcome(int failedExchanges, List<RecordedRequest> requests, List<Integer> callbackStatuses,
            List<LamlSimulation.InboundAnswer> inboundReplies) {
    }

    public static void main(String[] args) throws Exception {
        String pattern = args.length > 0 ? args[0] : "file:examples/routes/*";
        try (SmsSimulator simulator = SmsSimulator.start()) {
            Outcome outcome = run(simulator, pattern);
            System.out.println();
            System.out.println("The simulator at " + simulator.baseUrl() + " received " + outcome.requests().size()
                               + " requests:");
            outcome.requests().forEach(r -> System.out.println("  " + r + "  " + r.body()));
            System.out.println("Its callbacks were answered with HTTP " + outcome.callbackStatuses());
            outcome.inboundReplies().forEach(r -> System.out.println("An inbound SMS was answered with HTTP "
                                                                     + r.status() + ": " + r.body()));
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
        simulator.laml().addAccount(ACCOUNT_SID, AUTH_TOKEN).messagingService(MESSAGING_SERVICE_SID, INBOUND_TO);
        simulator.laml().addSignalWireProject(SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SIGNING_KEY);
        simulator.laml().statusDelay(Duration.ofMillis(100));
        simulator.infobip().addAccount(INFOBIP_API_KEY, new BigDecimal("50"));
        simulator.vonage().addAccount(VONAGE_API_KEY, VONAGE_SECRET, new BigDecimal("10"));
        simulator.telnyx().addAccount(TELNYX_API_KEY);
        simulator.telnyx().statusDelay(Duration.ofMillis(100));
        simulator.gatewayapi().addAccount(GATEWAYAPI_TOKEN, new BigDecimal("500"));
        simulator.sinch().addServicePlan(SINCH_SERVICE_PLAN_ID, SINCH_API_TOKEN);

        AtomicInteger failures = new AtomicInteger();
        List<LamlSimulation.InboundAnswer> inboundReplies = new CopyOnWriteArrayList<>();
        int port = AvailablePortFinder.getNextAvailable();
        String publicUrl = "http://127.0.0.1:" + port;
        Main main = new Main();
        main.configure().withRoutesIncludePattern(routesPattern)
                .withDurationMaxIdleSeconds(3)
                .withDurationMaxSeconds(60);
        main.addInitialProperty("camel.component.sms.base-url", simulator.baseUrl());
        main.addInitialProperty("camel.component.sms.username", CPSMS_USER);
        main.addInitialProperty("camel.component.sms.api-key", CPSMS_API_KEY);
        main.addInitialProperty("camel.component.sms.account-sid", ACCOUNT_SID);
        main.addInitialProperty("camel.component.sms.auth-token", AUTH_TOKEN);
        main.addInitialProperty("camel.component.sms.webhook-verify-token", WEBHOOK_VERIFY_TOKEN);
        // the documented provider-options.vonage.api-key form fails to bind in camel-main 4.18 ("Cannot find getter
        // method: vonage on bean: class java.util.LinkedHashMap"); Camel's map-key brackets bind
        main.addInitialProperty("camel.component.sms.provider-options[vonage.api-key]", VONAGE_API_KEY);
        main.addInitialProperty("camel.component.sms.provider-options[vonage.secret]", VONAGE_SECRET);
        main.addInitialProperty("camel.component.sms.provider-options[gatewayapi.token]", GATEWAYAPI_TOKEN);
        main.addInitialProperty("camel.component.sms.provider-options[sinch.servicePlanId]", SINCH_SERVICE_PLAN_ID);
        main.addInitialProperty("camel.component.sms.provider-options[sinch.token]", SINCH_API_TOKEN);
        main.addInitialProperty("twilio.messaging-service-sid", MESSAGING_SERVICE_SID);
        main.addInitialProperty("signalwire.project-id", SIGNALWIRE_PROJECT_ID);
        main.addInitialProperty("signalwire.api-token", SIGNALWIRE_API_TOKEN);
        main.addInitialProperty("signalwire.space-url", "example.signalwire.com");
        main.addInitialProperty("infobip.base-url", simulator.baseUrl("infobip"));
        main.addInitialProperty("infobip.api-key", INFOBIP_API_KEY);
        main.addInitialProperty("camel.component.sms.provider-options[telnyx.api-key]", TELNYX_API_KEY);
        main.addInitialProperty("telnyx.base-url", simulator.baseUrl("telnyx"));
        // the platform-http server the delivery-report and inbound consumers are served by (loopback only)
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("sms.public-url", publicUrl);
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

            @Override
            public void afterStart(BaseMainSupport started) {
                // stands in for a customer texting the number of each inbound example
                for (Endpoint endpoint : started.getCamelContext().getEndpoints()) {
                    if (endpoint instanceof SmsEndpoint sms && "inbound".equals(sms.getConfiguration().getOperation())) {
                        String url = publicUrl + sms.getConfiguration().getPath() + "?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN;
                        inboundReplies.add(simulator.laml().deliverInbound(url, ACCOUNT_SID, INBOUND_FROM, INBOUND_TO,
                                INBOUND_TEXT));
                    }
                }
            }
        });
        main.run();
        return new Outcome(failures.get(), simulator.requests(), simulator.callbackStatuses(), inboundReplies);
    }
}
