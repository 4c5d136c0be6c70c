package io.github.camelsms.sms.benchmark;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;

/**
 * What the transport alone costs: Apache HttpClient 5's asynchronous client, set up like camel-sms's (HTTP/1.1 only,
 * the same pool sizes, no retries, no redirects), posting the very bytes camel-sms sends and reading the whole answer,
 * the caller waiting on the future. Like camel-sms, every send hands the request to an I/O thread and waits for it;
 * the classic {@link RawHttpClient} does the whole round trip on the calling thread.
 */
final class RawAsyncHttpClient implements AutoCloseable {

    private static final ContentType JSON = ContentType.create("application/json", java.nio.charset.StandardCharsets.UTF_8);
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded",
            java.nio.charset.StandardCharsets.UTF_8);

    private final CloseableHttpAsyncClient client;
    private final String cpsmsUrl;
    private final String lamlUrl;
    private final String cpsmsAuth = BenchmarkFixture.basic(BenchmarkFixture.USER, BenchmarkFixture.API_KEY);
    private final String lamlAuth = BenchmarkFixture.basic(BenchmarkFixture.ACCOUNT_SID, BenchmarkFixture.AUTH_TOKEN);

    RawAsyncHttpClient(String baseUrl) {
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(200).setMaxConnPerRoute(40).build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableAuthCaching()
                .setUserAgent("camel-sms")
                .build();
        client.start();
        cpsmsUrl = baseUrl + "/send";
        lamlUrl = baseUrl + "/Accounts/" + BenchmarkFixture.ACCOUNT_SID + "/Messages.json";
    }

    byte[] postCpsms() throws IOException {
        return post(cpsmsUrl, cpsmsAuth, RawHttpClient.CPSMS_BODY, JSON);
    }

    byte[] postLaml() throws IOException {
        return post(lamlUrl, lamlAuth, RawHttpClient.LAML_BODY, FORM);
    }

    private byte[] post(String url, String authorization, byte[] body, ContentType type) throws IOException {
        SimpleHttpRequest post = SimpleRequestBuilder.post(url)
                .setHeader(HttpHeaders.AUTHORIZATION, authorization)
                .setHeader(HttpHeaders.ACCEPT, "application/json")
                .setBody(body, type)
                .build();
        Future<SimpleHttpResponse> future = client.execute(post, null);
        SimpleHttpResponse response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (response.getCode() >= 300) {
            throw new IOException("HTTP " + response.getCode());
        }
        return response.getBodyBytes();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
