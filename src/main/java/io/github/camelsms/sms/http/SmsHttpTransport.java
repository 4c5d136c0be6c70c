package io.github.camelsms.sms.http;

import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelsms.sms.exception.SmsException;
import org.apache.hc.client5.http.async.methods.ConfigurableHttpRequest;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.github.camelsms.sms.spi.SmsErrorMapping;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;

/**
 * Sends one endpoint's requests without holding a thread: the one place that builds HTTP requests (base URL, Basic
 * authentication, content type, timeouts), reads answers and turns I/O failures and non-2xx answers into
 * {@link SmsException}s. Retry waits are scheduled, not slept.
 */
public final class SmsHttpTransport implements SmsTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SmsHttpTransport.class);

    /** Answers larger than this are refused rather than held in memory. */
    static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
    private static final int MAX_REMEMBERED_URIS = 64;

    private static final String JSON_UTF8 = ContentType.create(SmsHttpRequest.JSON, StandardCharsets.UTF_8).toString();
    private static final String FORM_UTF8 = ContentType.create(SmsHttpRequest.FORM, StandardCharsets.UTF_8).toString();

    private final SmsHttpClients clients;
    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService retryTimer;
    private final String providerName;
    private final SmsErrorMapping errorMapping;
    private final String baseUrl;
    private final SmsOrigin origin;
    private final SmsAuthentication authentication;
    private final SmsRedactor redactor;
    private final RequestConfig requestConfig;
    private final SmsRetryPolicy retryPolicy;
    private final String tunnelProxy;
    /** The URIs of recent requests: a send goes to the same URL every time, and parsing it cost 2 % of a send. */
    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    /**
     * @param redactor    removes every form of the endpoint's secrets from answers and failures before they are
     *                    kept, thrown or logged
     * @param tunnelProxy the proxy (host:port) https requests tunnel through, or null
     * @param errorMapping the provider's reading of its error answers
     */
    public SmsHttpTransport(SmsHttpClients clients, CloseableHttpAsyncClient client, ScheduledExecutorService retryTimer,
                            String providerName, SmsErrorMapping errorMapping, String baseUrl,
                            SmsAuthentication authentication, long responseTimeout,
                            SmsRetryPolicy retryPolicy, SmsRedactor redactor, String tunnelProxy) {
        this.clients = clients;
        this.tunnelProxy = tunnelProxy;
        this.redactor = redactor;
        this.client = client;
        this.retryTimer = retryTimer;
        this.retryPolicy = retryPolicy;
        this.providerName = providerName;
        this.errorMapping = errorMapping;
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.origin = new SmsOrigin(this.baseUrl);
        this.authentication = authentication;
        this.requestConfig = RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The URL a request goes to (it never carries credentials); a provider-given one is printed as given. */
    public String urlOf(SmsHttpRequest request) {
        return request.fromHost() ? request.target() : baseUrl + request.target();
    }

    private String resolveUrl(SmsHttpRequest request, String operation) {
        if (!request.fromHost()) {
            return baseUrl + request.target();
        }
        try {
            return origin.resolve(request.target());
        } catch (IllegalArgumentException e) {
            throw SmsErrors.foreignUrl(providerName, operation, request.target(), e.getMessage());
        }
    }

    /** Whether requests can still be sent: false once the component stopped and closed the client. */
    @Override
    public boolean isOpen() {
        IOReactorStatus status = client.getStatus();
        return !clients.isClosed() && status != IOReactorStatus.SHUTTING_DOWN && status != IOReactorStatus.SHUT_DOWN;
    }

    /**
     * Sends the request; the future completes with a 2xx answer or fails with the provider's {@link SmsException}
     * (never another exception). Failures that are retryable and not in doubt are retried as the
     * {@link SmsRetryPolicy} says, after a wait on the component's timer: no thread waits.
     */
    @Override
    public CompletableFuture<SmsHttpResponse> send(SmsHttpRequest request, String operation) {
        CompletableFuture<SmsHttpResponse> result = new CompletableFuture<>();
        attempt(request, operation, 1, result);
        return result;
    }

    /**
     * Sends the request once and waits for the answer, for callers that own their thread and report a failure
     * rather than repeat it (health checks: one request per check). Throws the {@link SmsException}, redacted.
     */
    @Override
    public SmsHttpResponse executeOnce(SmsHttpRequest request, String operation) {
        CompletableFuture<SmsHttpResponse> future = sendOnce(request, operation);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw SmsErrors.aborted(providerName, operation, request, urlOf(request), e, true);
        } catch (ExecutionException e) {
            throw redactor.redact(failureOf(e.getCause()));
        }
    }

    /** The SmsException a future failed with (unwrapping CompletionException). */
    public static SmsException failureOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof SmsException e) {
            return e;
        }
        throw new IllegalStateException("Not an SmsException: " + cause, cause);
    }

    /** Completes the future on every path: also when reading or mapping the outcome throws. */
    private static <T> void completeSafely(CompletableFuture<T> result, Runnable action) {
        try {
            action.run();
        } catch (Throwable unexpected) {
            result.completeExceptionally(unexpected);
        }
    }

    private void attempt(SmsHttpRequest request, String operation, int retry,
                         CompletableFuture<SmsHttpResponse> result) {
        sendOnce(request, operation).whenComplete((response, failure) -> completeSafely(result, () -> {
            if (failure == null) {
                result.complete(response);
                return;
            }
            SmsException e = redactor.redact(failureOf(failure));
            Duration wait = retryPolicy.waitBefore(retry, e);
            if (wait == null || !isOpen()) {
                result.completeExceptionally(e);
                return;
            }
            LOG.warn("{} {}: {} {} failed ({}, HTTP {}); retry {} of {} in {} ms", providerName, operation,
                    request.method(), redactor.redact(urlOf(request)), e.getClass().getSimpleName(), e.getStatusCode(),
                    retry, retryPolicy.attempts(), wait.toMillis());
            try {
                retryTimer.schedule(() -> attempt(request, operation, retry + 1, result), wait.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(e); // the component is stopping: the failure stands
            }
        }));
    }

    private CompletableFuture<SmsHttpResponse> sendOnce(SmsHttpRequest request, String operation) {
        String url;
        String wireUrl;
        SmsHttpRequest onWire;
        try {
            url = resolveUrl(request, operation);
            onWire = authentication.apply(request); // failures name the request without query credentials
            wireUrl = onWire == request ? url : resolveUrl(onWire, operation);
        } catch (SmsException foreign) {
            return CompletableFuture.failedFuture(foreign); // refused before anything was sent
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(SmsErrors.unexpected(providerName, operation, null, e));
        }
        CompletableFuture<SmsHttpResponse> future = new CompletableFuture<>();
        SmsRequestProgress progress = new SmsRequestProgress();
        ConfigurableHttpRequest httpRequest = new ConfigurableHttpRequest(request.method(), uriOf(wireUrl));
        httpRequest.setConfig(requestConfig);
        authentication.headers(onWire).forEach((name, value) -> httpRequest.setHeader(new SmsQuietHeader(name, value)));
        httpRequest.setHeader(HttpHeaders.ACCEPT, "application/json");
        AsyncEntityProducer entity = onWire.body() == null ? null
                : new TrackedEntityProducer(onWire.body(), contentType(onWire.contentType()), progress);
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(SmsRequestProgress.ATTRIBUTE, progress);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {} {}", providerName, operation, request.method(), redactor.redact(url));
        }
        FutureCallback<SmsHttpResponse> callback = new FutureCallback<>() {
            @Override
            public void completed(SmsHttpResponse answer) {
                try {
                    SmsHttpResponse response = redactor.redact(answer);
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("{} {}: HTTP {}", providerName, operation, response.statusCode());
                    }
                    if (response.isSuccess()) {
                        future.complete(response);
                    } else if (tunnelProxy != null && !progress.written()) {
                        // nothing of the request went out: the answer is the proxy's to the CONNECT
                        future.completeExceptionally(SmsErrors.refusedByProxy(providerName, operation, request,
                                tunnelProxy, response));
                    } else {
                        future.completeExceptionally(errorMapping.toException(response, request, operation));
                    }
                } catch (RuntimeException e) {
                    future.completeExceptionally(SmsErrors.unexpected(providerName, operation, request, e));
                }
            }

            @Override
            public void failed(Exception e) {
                future.completeExceptionally(toException(request, operation, url, e, progress.written()));
            }

            @Override
            public void cancelled() {
                future.completeExceptionally(SmsErrors.aborted(providerName, operation, request, url,
                        new CancellationException("the request was cancelled"), progress.written()));
            }
        };
        AtomicReference<Future<SmsHttpResponse>> execution = new AtomicReference<>();
        Runnable untrack = clients.track(() -> {
            future.completeExceptionally(SmsErrors.aborted(providerName, operation, request, url,
                    new CancellationException("the component stopped"), progress.abandon()));
            cancel(execution.get()); // its connection closes, so the I/O threads can end
        });
        if (future.isDone()) {
            return future.whenComplete((response, failure) -> untrack.run()); // the component had stopped
        }
        try {
            execution.set(client.execute(new BasicRequestProducer(httpRequest, entity),
                    new SmsResponseConsumer(MAX_RESPONSE_BYTES), context, callback));
            if (future.isDone()) {
                cancel(execution.get()); // the component stopped while the request started
            }
        } catch (RuntimeException e) {
            // a closed client refuses at once, before anything was written
            future.completeExceptionally(SmsErrors.aborted(providerName, operation, request, url, e,
                    progress.written()));
        }
        return future.whenComplete((response, failure) -> untrack.run());
    }

    private static void cancel(Future<?> execution) {
        if (execution != null) {
            execution.cancel(true);
        }
    }

    private URI uriOf(String url) {
        URI uri = uris.get(url);
        if (uri == null) {
            uri = URI.create(url);
            if (uris.size() >= MAX_REMEMBERED_URIS) {
                uris.clear();
            }
            uris.put(url, uri);
        }
        return uri;
    }

    private SmsException toException(SmsHttpRequest request, String operation, String url, Exception e,
                                     boolean written) {
        if (e instanceof SmsResponseConsumer.ResponseTooLargeException tooLarge) {
            return SmsErrors.unreadable(providerName, operation, request, redactor.redact(tooLarge.response()),
                    "a body larger than " + MAX_RESPONSE_BYTES + " bytes");
        } else if (e instanceof IOException io) {
            return SmsErrors.fromIo(providerName, operation, request, url, io, written);
        } else if (e instanceof HttpException notHttp) {
            return SmsErrors.notHttp(providerName, operation, request, url, notHttp, written);
        }
        return SmsErrors.aborted(providerName, operation, request, url, e, written);
    }

    private static String contentType(String type) {
        return switch (type) {
            case SmsHttpRequest.JSON -> JSON_UTF8;
            case SmsHttpRequest.FORM -> FORM_UTF8;
            default -> ContentType.create(type, StandardCharsets.UTF_8).toString();
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SmsHttpTransport[" + providerName + " at " + baseUrl + "]";
    }
}
