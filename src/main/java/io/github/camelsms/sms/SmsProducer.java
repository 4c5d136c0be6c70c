package io.github.camelsms.sms;

import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.http.SmsHttpTransport;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Performs the endpoint's operation. It works on the calling thread, like camel-http, and always completes the
 * callback, failures included.
 */
public class SmsProducer extends DefaultAsyncProducer {

    private WritableHealthCheckRepository healthCheckRepository;
    private SmsProducerHealthCheck healthCheck;

    public SmsProducer(SmsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SmsEndpoint getEndpoint() {
        return (SmsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are opt-in (camel.health.producersEnabled=true): register only when the repository is there
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new SmsProducerHealthCheck(getEndpoint());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            SmsEndpoint endpoint = getEndpoint();
            SmsHttpTransport transport = endpoint.getTransport();
            if (transport == null) {
                throw new IllegalStateException("The endpoint is not started: " + endpoint);
            }
            SmsCall call = new SmsCall(exchange, endpoint.getConfiguration(), endpoint.getProvider(), transport,
                    endpoint.getComponent().fanOutExecutor());
            Object body = endpoint.getProvider().execute(call);
            Message message = exchange.getMessage();
            message.setBody(body);
            message.setHeader(SmsConstants.PROVIDER, call.provider());
            message.setHeader(SmsConstants.OPERATION, call.operation());
            if (call.lastStatusCode() != 0) {
                message.setHeader(SmsConstants.HTTP_RESPONSE_CODE, call.lastStatusCode());
            }
            call.outHeaders().forEach(message::setHeader);
        } catch (Throwable e) {
            exchange.setException(getEndpoint().getRedactor().redact(e));
        }
        callback.done(true);
        return true;
    }
}
