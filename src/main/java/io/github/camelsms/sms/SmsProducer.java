package io.github.camelsms.sms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelsms.sms.http.SmsRedactor;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.http.SmsHttpTransport;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Performs the endpoint's operation without holding a thread while requests are in flight or retries wait: the
 * provider validates on the calling thread, the requests go out through the asynchronous HTTP client, and the
 * exchange continues on the client's I/O thread that delivered the last answer. The callback is completed exactly
 * once on every path, failures included.
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
        SmsCall call;
        CompletableFuture<?> outcome;
        try {
            SmsEndpoint endpoint = getEndpoint();
            SmsHttpTransport transport = endpoint.getTransport();
            if (transport == null) {
                throw new IllegalStateException("The endpoint is not started: " + endpoint);
            }
            String operation = endpoint.getConfiguration().getOperation();
            SmsInputs.checkHeaders(exchange.getMessage(), endpoint.getProvider(), operation,
                    endpoint.getForeignHeaders());
            call = new SmsCall(exchange, endpoint.getConfiguration(), endpoint.getProvider(), transport);
            outcome = endpoint.getOperation().execute(call);
        } catch (Throwable e) {
            exchange.setException(getEndpoint().getRedactor().redact(e));
            callback.done(true);
            return true;
        }
        if (outcome.isDone()) {
            complete(exchange, call, outcome.handle((body, failure) -> failure != null ? failure : body).join(),
                    getEndpoint().getRedactor());
            callback.done(true);
            return true;
        }
        // the answer arrives on an I/O thread of the HTTP client; the exchange continues there
        outcome.whenComplete((body, failure) -> {
            try {
                complete(exchange, call, failure != null ? failure : body, getEndpoint().getRedactor());
            } catch (Throwable e) {
                exchange.setException(getEndpoint().getRedactor().redact(e));
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    /** Sets the body and out headers, or the exception (unwrapped from the future's CompletionException). */
    private static void complete(Exchange exchange, SmsCall call, Object bodyOrFailure, SmsRedactor redactor) {
        if (bodyOrFailure instanceof Throwable failure) {
            exchange.setException(redactor.redact(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure));
            return;
        }
        Message message = exchange.getMessage();
        message.setBody(bodyOrFailure);
        message.setHeader(SmsConstants.PROVIDER, call.provider());
        message.setHeader(SmsConstants.OPERATION, call.operation());
        if (call.lastStatusCode() != 0) {
            message.setHeader(SmsConstants.HTTP_RESPONSE_CODE, call.lastStatusCode());
        }
        call.outHeaders().forEach(message::setHeader);
    }
}
