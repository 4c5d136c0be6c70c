package io.github.camelsms.sms.http;

import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelsms.sms.SmsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.IOHelper;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The pooled HttpClient 5 instances of one component. Endpoints whose connection settings are alike share one client
 * (and its keep-alive connections); the component closes them all when it stops.
 */
public final class SmsHttpClients implements Closeable {

    private final Map<ClientKey, CloseableHttpClient> clients = new ConcurrentHashMap<>();
    private final CamelContext camelContext;
    private final int maxTotalConnections;
    private final int connectionsPerRoute;

    public SmsHttpClients(CamelContext camelContext, int maxTotalConnections, int connectionsPerRoute) {
        this.camelContext = camelContext;
        this.maxTotalConnections = maxTotalConnections;
        this.connectionsPerRoute = connectionsPerRoute;
    }

    /** The shared client for these connection settings, created on first use. */
    public CloseableHttpClient clientFor(SmsConfiguration configuration) {
        return clients.computeIfAbsent(ClientKey.of(configuration), this::create);
    }

    public int size() {
        return clients.size();
    }

    private CloseableHttpClient create(ClientKey key) {
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(key.connectTimeout()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxTotalConnections)
                .setMaxConnPerRoute(connectionsPerRoute)
                .setDefaultConnectionConfig(connectionConfig)
                .setConnectionFactory(SmsQuietConnections.INSTANCE);
        if (key.sslContextParameters() != null) {
            try {
                pool.setTlsSocketStrategy(
                        new DefaultClientTlsStrategy(key.sslContextParameters().createSSLContext(camelContext)));
            } catch (Exception e) {
                throw new RuntimeCamelException("Cannot create the TLS context from sslContextParameters", e);
            }
        }
        // No automatic retries or redirects: a POST that sends an SMS must never be repeated behind our back.
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                // the Authorization header is ours: a provider's WWW-Authenticate challenge (which may echo the
                // credentials) is not answered, nor parsed into HttpClient's DEBUG log
                .setTargetAuthenticationStrategy((challengeType, challenges, context) -> java.util.List.of())
                .setUserAgent("camel-sms");
        if (key.proxyHost() != null) {
            HttpHost proxy = new HttpHost(key.proxyHost(), key.proxyPort() != null ? key.proxyPort() : 8080);
            builder.setProxy(proxy);
            if (key.proxyAuthUsername() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                String password = key.proxyAuthPassword() != null ? key.proxyAuthPassword() : "";
                credentials.setCredentials(new AuthScope(proxy),
                        new UsernamePasswordCredentials(key.proxyAuthUsername(), password.toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        if (key.httpClientConfigurer() != null) {
            key.httpClientConfigurer().configureHttpClient(builder);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(IOHelper::close);
        clients.clear();
    }

    private record ClientKey(
            long connectTimeout, SSLContextParameters sslContextParameters, HttpClientConfigurer httpClientConfigurer,
            String proxyHost, Integer proxyPort, String proxyAuthUsername, String proxyAuthPassword) {

        static ClientKey of(SmsConfiguration c) {
            return new ClientKey(c.getConnectTimeout(), c.getSslContextParameters(), c.getHttpClientConfigurer(),
                    c.getProxyHost(), c.getProxyPort(), c.getProxyAuthUsername(), c.getProxyAuthPassword());
        }

        @Override
        public String toString() {
            return "ClientKey[connectTimeout=" + connectTimeout + ", proxyHost=" + proxyHost + "]";
        }
    }
}
