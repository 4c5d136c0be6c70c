package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.util.Map;

import io.github.camelsms.sms.simulator.SmsSimulator;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel context per test and a fresh simulator per test, with one CPSMS account.
 */
public abstract class SmsTestSupport extends CamelTestSupport {

    protected static final String USER = "tester";
    protected static final String API_KEY = "Sup3rS3cretApiKey-9f8e7d";

    protected static final String LAML_SID = "AC0123456789abcdef0123456789abcdef";
    protected static final String LAML_TOKEN = "laml-T0ken-must-not-leak";
    protected static final String LAML_FROM = "+4570200000";
    /** A Messaging Service of the LaML test account (Twilio), whose sender pool holds LAML_FROM. */
    protected static final String LAML_MESSAGING_SERVICE = "MG0123456789abcdef0123456789abcdef";

    protected static final String SIGNALWIRE_PROJECT = "ea108133-d6b3-407c-9536-9fad8a929a6a";
    protected static final String SIGNALWIRE_TOKEN = "PT-signalwire-T0ken-must-not-leak";
    protected static final String SIGNALWIRE_SIGNING_KEY = "PSK_signalwire-S1gning-key";

    protected final SmsSimulator sim = SmsSimulator.start();

    protected SmsTestSupport() {
        sim.cpsms().addAccount(USER, API_KEY, new BigDecimal("1000")).defaultSender("CamelSms");
        sim.laml().addAccount(LAML_SID, LAML_TOKEN).messagingService(LAML_MESSAGING_SERVICE, LAML_FROM);
        sim.laml().addSignalWireProject(SIGNALWIRE_PROJECT, SIGNALWIRE_TOKEN, SIGNALWIRE_SIGNING_KEY);
        sim.cpsms().logRateLimit(java.time.Duration.ZERO);
    }

    @AfterEach
    void closeSimulator() {
        sim.close();
    }

    /** An sms:cpsms URI with the simulator's base URL and the test account. */
    protected String cpsms(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:cpsms/").append(operation).append("?baseUrl=").append(sim.baseUrl())
                .append("&username=").append(USER).append("&apiKey=RAW(").append(API_KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    /**
     * An sms URI of a LaML provider with the provider's base URL on the simulator (its real path prefix), the test
     * account (the SignalWire project for signalwire) and, for a send, the sender LAML_FROM.
     */
    protected String laml(String provider, String operation, String... options) {
        boolean signalWire = provider.equals("signalwire");
        StringBuilder uri = new StringBuilder("sms:").append(provider).append('/').append(operation)
                .append("?baseUrl=").append(sim.baseUrl(provider))
                .append("&accountSid=").append(signalWire ? SIGNALWIRE_PROJECT : LAML_SID)
                .append("&authToken=RAW(").append(signalWire ? SIGNALWIRE_TOKEN : LAML_TOKEN).append(')');
        if (operation.equals("send")) {
            uri.append("&from=RAW(").append(LAML_FROM).append(')'); // only a send honours it
        }
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    protected String mycpaas(String operation, String... options) {
        return laml("mycpaas", operation, options);
    }

    /** Sends to the URI and returns the exchange (never throws: a failure is on the exchange). */
    protected Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template().send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
    }

    /** Sends and expects an exception of that type on the exchange. */
    protected <T extends Throwable> T failure(Class<T> type, String uri, Object body, Map<String, Object> headers) {
        Exchange exchange;
        try {
            exchange = call(uri, body, headers);
        } catch (RuntimeException e) {
            // an option the operation does not honour is refused when the endpoint starts
            Throwable cause = e;
            while (cause != null && !type.isInstance(cause)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("exception of %s", uri).isNotNull();
            return type.cast(cause);
        }
        assertThat(exchange.getException()).as("exception of %s", uri).isInstanceOf(type);
        return type.cast(exchange.getException());
    }
}
