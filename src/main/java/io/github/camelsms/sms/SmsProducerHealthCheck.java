package io.github.camelsms.sms;

import java.util.Map;

import io.github.camelsms.sms.http.SmsHttpTransport;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsTransportException;

/**
 * Checks an sms producer's credentials and reachability without sending an SMS: cpsms reads the credit (DOWN when it
 * is used up), twilio reads the balance, mycpaas and signalwire read one page of messages. One request per check,
 * never retried; a DOWN result says why in its message and in the {@value #REASON} detail. Opt-in with
 * {@code camel.health.producersEnabled=true}.
 */
public class SmsProducerHealthCheck extends AbstractHealthCheck {

    /** The detail that says why the check is DOWN. */
    static final String REASON = "reason";

    private final SmsEndpoint endpoint;

    public SmsProducerHealthCheck(SmsEndpoint endpoint) {
        super("camel", "producer:sms-" + endpoint.getProvider().name() + "-" + endpoint.getId());
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("provider", endpoint.getProvider().name());
        builder.detail("serviceUrl", endpoint.getServiceUrl());
        SmsHttpTransport transport = endpoint.getTransport();
        if (transport == null) {
            builder.down().message("The endpoint is not started");
            return;
        }
        try {
            endpoint.getProvider().checkHealth(transport, endpoint.getConfiguration()).forEach(builder::detail);
            builder.up();
        } catch (SmsException failure) {
            SmsException e = endpoint.getRedactor().redact(failure);
            String reason = describe(e);
            builder.down().message(reason);
            // the message shows only in some health outputs: the details show everywhere
            builder.detail(REASON, reason);
            builder.detail(SERVICE_STATUS_CODE, e.getStatusCode());
            if (e.getProviderCode() != null) {
                builder.detail(SERVICE_ERROR_CODE, e.getProviderCode());
            }
        }
    }

    private static String describe(SmsException e) {
        if (e instanceof SmsAuthenticationException) {
            return "Credentials rejected (wrong key or token): " + e.getMessage();
        } else if (e instanceof SmsInsufficientCreditException) {
            return "No credit: " + e.getMessage();
        } else if (e instanceof SmsTransportException) {
            return "Unreachable: " + e.getMessage();
        }
        return e.getMessage();
    }
}
