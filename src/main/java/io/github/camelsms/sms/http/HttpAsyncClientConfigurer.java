package io.github.camelsms.sms.http;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;

/**
 * Customises the Apache HttpClient 5 async client that sms endpoints send with: the asynchronous counterpart of
 * camel-http's {@code HttpClientConfigurer}. It is called once per client, after the component has applied its own
 * settings (pool, timeouts, TLS, proxy), just before the client is built.
 * <p>
 * Endpoints with the same configurer (and the same connection options) share one client. After the configurer the
 * component sets again what its promises rest on: no automatic retries or redirects (a send is never repeated behind
 * its back), HTTP/1.1, no answer to a provider's WWW-Authenticate challenge, and its own I/O session decorator (which
 * keeps the secrets out of HttpClient's logs). Do not set a connection manager of your own: the component's pool
 * limits and its HTTP/1.1 TLS setting would be lost.
 */
@FunctionalInterface
public interface HttpAsyncClientConfigurer {

    void configureHttpAsyncClient(HttpAsyncClientBuilder builder);
}
