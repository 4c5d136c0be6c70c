package io.github.camelsms.sms.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The ceiling: Apache HttpClient 5, pooled and keep-alive like camel-sms's, posting the very bytes camel-sms sends
 * (same body, same headers) and reading the whole answer. No Camel, no JSON, no validation.
 */
final class RawHttpClient implements AutoCloseable {

    static final byte[] CPSMS_BODY = ("{\"to\":\"4522334488\",\"message\":\"" + BenchmarkFixture.TEXT
                                      + "\",\"from\":\"" + BenchmarkFixture.CPSMS_FROM + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] LAML_BODY = ("To=" + BenchmarkFixture.form(BenchmarkFixture.LAML_TO) + "&From="
                                     + BenchmarkFixture.form(BenchmarkFixture.LAML_FROM) + "&Body="
                                     + BenchmarkFixture.form(BenchmarkFixture.TEXT))
            .getBytes(StandardCharsets.UTF_8);
    private static final ContentType JSON = ContentType.create("application/json", StandardCharsets.UTF_8);
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded",
            StandardCharsets.UTF_8);

    private final CloseableHttpClient client;
    private final String cpsmsUrl;
    private final String lamlUrl;
    private final String cpsmsAuth = BenchmarkFixture.basic(BenchmarkFixture.USER, BenchmarkFixture.API_KEY);
    private final String lamlAuth = BenchmarkFixture.basic(BenchmarkFixture.ACCOUNT_SID, BenchmarkFixture.AUTH_TOKEN);

    RawHttpClient(String baseUrl) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(200).setMaxConnPerRoute(40).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableAuthCaching()
                .setUserAgent("camel-sms")
                .build();
        cpsmsUrl = baseUrl + "/send";
        lamlUrl = baseUrl + "/Accounts/" + BenchmarkFixture.ACCOUNT_SID + "/Messages.json";
    }

    byte[] postCpsms() throws IOException {
        return post(cpsmsUrl, cpsmsAuth, CPSMS_BODY, JSON);
    }

    byte[] postLaml() throws IOException {
        return post(lamlUrl, lamlAuth, LAML_BODY, FORM);
    }

    private byte[] post(String url, String authorization, byte[] body, ContentType type) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        post.setEntity(new ByteArrayEntity(body, type));
        return client.execute(post, response -> {
            if (response.getCode() >= 300) {
                throw new IOException("HTTP " + response.getCode());
            }
            return EntityUtils.toByteArray(response.getEntity());
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
