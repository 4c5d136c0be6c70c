package io.github.camelsms.sms.http;

import io.github.camelsms.sms.spi.SmsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelsms.sms.SmsException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one endpoint's requests: the one place that builds HTTP requests (base URL, Basic authentication, content
 * type, timeouts), reads answers and turns I/O failures and non-2xx answers into {@link SmsException}s.
 */
public final class SmsHttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SmsHttpTransport.class);

    /** Answers larger than this are refused rather than held in memory. */
    static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    private static final ContentType JSON_UTF8 = ContentType.create(SmsHttpRequest.JSON, StandardCharsets.UTF_8);
    private static final ContentType FORM_UTF8 = ContentType.create(SmsHttpRequest.FORM, StandardCharsets.UTF_8);

    private final CloseableHttpClient client;
    private final SmsProvider provider;
    private final String baseUrl;
    private final SmsOrigin origin;
    private final String authorization;
    private final SmsRedactor redactor;
    private final RequestConfig requestConfig;
    private final SmsRetryPolicy retryPolicy;

    public SmsHttpTransport(CloseableHttpClient client, SmsProvider provider, String baseUrl,
                            SmsCredentials credentials, long responseTimeout) {
        this(client, provider, baseUrl, credentials, responseTimeout, SmsRetryPolicy.NONE);
    }

    public SmsHttpTransport(CloseableHttpClient client, SmsProvider provider, String baseUrl,
                            SmsCredentials credentials, long responseTimeout, SmsRetryPolicy retryPolicy) {
        this(client, provider, baseUrl, credentials, responseTimeout, retryPolicy, SmsRedactor.of(credentials));
    }

    /**
     * @param redactor removes every form of the endpoint's secrets from answers and failures before they are kept,
     *                 thrown or logged
     */
    public SmsHttpTransport(CloseableHttpClient client, SmsProvider provider, String baseUrl,
                            SmsCredentials credentials, long responseTimeout, SmsRetryPolicy retryPolicy,
                            SmsRedactor redactor) {
        this.client = client;
        this.redactor = redactor;
        this.retryPolicy = retryPolicy;
        this.provider = provider;
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.origin = new SmsOrigin(this.baseUrl);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
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
            throw SmsErrors.foreignUrl(provider.name(), operation, request.target(), e.getMessage());
        }
    }

    /**
     * Sends the request and returns a 2xx answer; anything else is thrown as the provider's {@link SmsException}.
     * Failures that are retryable and not in doubt are retried as the {@link SmsRetryPolicy} says.
     */
    public SmsHttpResponse execute(SmsHttpRequest request, String operation) {
        for (int retry = 1;; retry++) {
            try {
                return executeOnce(request, operation);
            } catch (SmsException failure) {
                SmsException e = redactor.redact(failure);
                Duration wait = retryPolicy.waitBefore(retry, e);
                if (wait == null) {
                    throw e;
                }
                LOG.warn("{} {}: {} {} failed ({}, HTTP {}); retry {} of {} in {} ms", provider.name(), operation,
                        request.method(), redactor.redact(urlOf(request)), e.getClass().getSimpleName(), e.getStatusCode(), retry,
                        retryPolicy.attempts(), wait.toMillis());
                if (!sleep(wait)) {
                    throw e;
                }
            }
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SmsHttpResponse executeOnce(SmsHttpRequest request, String operation) {
        String url = resolveUrl(request, operation);
        AtomicBoolean bodyWritten = new AtomicBoolean();
        HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method(), URI.create(url));
        httpRequest.setConfig(requestConfig);
        httpRequest.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        httpRequest.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (request.body() != null) {
            httpRequest.setEntity(new TrackedEntity(request.body(), contentType(request.contentType()), bodyWritten));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {} {}", provider.name(), operation, request.method(), redactor.redact(url));
        }
        SmsHttpResponse response;
        try {
            response = redactor.redact(client.execute(httpRequest, SmsHttpTransport::read));
        } catch (IOException e) {
            throw SmsErrors.fromIo(provider.name(), operation, request, url, e,
                    request.body() == null || bodyWritten.get());
        } catch (ResponseTooLargeException e) {
            throw SmsErrors.unreadable(provider.name(), operation, request, redactor.redact(e.response),
                    "a body larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: HTTP {}", provider.name(), operation, response.statusCode());
        }
        if (!response.isSuccess()) {
            throw provider.toException(response, request, operation);
        }
        return response;
    }

    private static SmsHttpResponse read(ClassicHttpResponse httpResponse) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : httpResponse.getHeaders()) {
            headers.put(header.getName(), header.getValue());
        }
        byte[] body = new byte[0];
        HttpEntity entity = httpResponse.getEntity();
        if (entity != null) {
            long length = entity.getContentLength();
            try (InputStream in = entity.getContent()) {
                // with a known length read straight into an array of that size: readNBytes(int) would first
                // allocate 8 KB buffers and copy
                body = length >= 0 && length <= MAX_RESPONSE_BYTES ? readExactly(in, (int) length)
                        : in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
            if (body.length > MAX_RESPONSE_BYTES) {
                SmsHttpResponse partial = new SmsHttpResponse(httpResponse.getCode(), headers, new byte[0]);
                throw new ResponseTooLargeException(partial);
            }
        }
        return new SmsHttpResponse(httpResponse.getCode(), headers, body);
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw new java.io.EOFException("the answer ended after " + read + " of " + length + " bytes");
        }
        return body;
    }

    private static ContentType contentType(String type) {
        return switch (type) {
            case SmsHttpRequest.JSON -> JSON_UTF8;
            case SmsHttpRequest.FORM -> FORM_UTF8;
            default -> ContentType.create(type, StandardCharsets.UTF_8);
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SmsHttpTransport[" + provider.name() + " at " + baseUrl + "]";
    }

    /** A body that notes when writing it began: before that, the provider cannot have acted on the request. */
    private static final class TrackedEntity extends HttpEntityWrapper {
        private final AtomicBoolean written;

        TrackedEntity(byte[] body, ContentType contentType, AtomicBoolean written) {
            super(new ByteArrayEntity(body, contentType));
            this.written = written;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            written.set(true);
            super.writeTo(out);
        }
    }

    private static final class ResponseTooLargeException extends RuntimeException {
        private final transient SmsHttpResponse response;

        ResponseTooLargeException(SmsHttpResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
