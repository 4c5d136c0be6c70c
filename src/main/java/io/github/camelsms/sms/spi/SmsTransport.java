package io.github.camelsms.sms.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Sends a provider's requests to its base URL with its authentication, redacting every answer and failure; handed
 * to a provider through {@link SmsCall#transport()} and {@link SmsProvider#checkHealth}. The component implements it.
 */
public interface SmsTransport {

    /**
     * Sends the request; the future completes with a 2xx answer or fails with the provider's
     * {@link io.github.camelsms.sms.exception.SmsException} (never another exception). Failures that are retryable and
     * not in doubt are retried after a wait on a timer: no thread waits.
     */
    CompletableFuture<SmsHttpResponse> send(SmsHttpRequest request, String operation);

    /**
     * Sends the request once and waits for the answer (health checks only). Throws the redacted
     * {@link io.github.camelsms.sms.exception.SmsException}.
     */
    SmsHttpResponse executeOnce(SmsHttpRequest request, String operation);

    /** Whether requests can still be sent: false once the component stopped and closed its clients. */
    boolean isOpen();
}
