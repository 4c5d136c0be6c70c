package io.github.camelsms.sms.http;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;

/**
 * Customises the Apache HttpClient 5 async client that sms endpoints send with: the asynchronous counterpart of
 * camel-http's {@code HttpClientConfigurer}. It is called once per client, after the component has applied its own
 * settings (pool, timeouts, TLS, proxy, no automatic retries or redirects), just before the client is built.
 * <p>
 * Endpoints with the same configurer (and the same connection options) share one client. Re-enabling automatic
 * retries or redirects here would let the client repeat a send behind the component's back: don't.
 */
@FunctionalInterface
public interface HttpAsyncClientConfigurer {

    void configureHttpAsyncClient(HttpAsyncClientBuilder builder);
}
