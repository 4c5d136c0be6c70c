package io.github.camelsms.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.text.SmsPhoneNumbers;
import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.http.SmsRetryPolicy;

/**
 * Checks made when an endpoint starts, before any request: where credentials may go and how to retry; and the
 * options its HTTP client is built from.
 */
final class SmsTransportGuard {

    private SmsTransportGuard() {
    }

    /** Refuses a defaultRegion libphonenumber does not know, naming the option. */
    static void checkRegion(SmsConfiguration configuration, String providerName) {
        String region = configuration.getDefaultRegion();
        if (region != null && !region.isBlank() && !SmsPhoneNumbers.isRegion(region)) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "defaultRegion",
                    "defaultRegion '" + region + "' is not a region code: use a two-letter ISO 3166 code such as DK");
        }
    }

    /** The options the endpoint's HTTP client is built from. */
    static SmsHttpClients.ClientOptions clientOptions(SmsConfiguration c) {
        return new SmsHttpClients.ClientOptions(c.getConnectTimeout(), c.getSslContextParameters(),
                c.getHttpAsyncClientConfigurer(), c.getProxyHost(), c.getProxyPort(), c.getProxyAuthUsername(),
                c.getProxyAuthPassword());
    }

    /**
     * Refuses a plain http:// base URL to a host other than loopback unless allowInsecureHttp is set: Basic
     * authentication would carry the API key or auth token readable on the wire.
     */
    static void checkBaseUrl(SmsConfiguration configuration, String providerName, String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "baseUrl",
                    "the base URL '" + baseUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "baseUrl",
                    "the base URL '" + baseUrl + "' must start with https:// (or http:// for a local test server)");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost()) && !configuration.isAllowInsecureHttp()) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "baseUrl",
                    "the base URL " + scheme + "://" + uri.getHost() + " is plain http: credentials would travel"
                    + " unencrypted. Use https://, or set allowInsecureHttp=true if you really mean it");
        }
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
               || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Refuses a maxConcurrentRequests the component cannot give: no more requests to one host are in flight than the
     * pool has connections for it (connectionsPerRoute), and a silently lower concurrency would be a broken promise.
     */
    static void checkConcurrency(SmsConfiguration configuration, String providerName, int connectionsPerRoute) {
        int wanted = configuration.getMaxConcurrentRequests();
        if (wanted < 1) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "maxConcurrentRequests",
                    "maxConcurrentRequests must be at least 1");
        }
        if (wanted > connectionsPerRoute) {
            throw SmsErrors.invalid(providerName, configuration.getOperation(), "maxConcurrentRequests",
                    "maxConcurrentRequests=" + wanted + " is more than the " + connectionsPerRoute
                    + " connections the component keeps to one host: lower it, or raise the component option"
                    + " connectionsPerRoute (camel.component.sms.connections-per-route) to at least " + wanted);
        }
    }

    /** The endpoint's retry options as a policy; refuses negative values naming the option. */
    static SmsRetryPolicy retryPolicy(SmsConfiguration configuration, String providerName) {
        String operation = configuration.getOperation();
        if (configuration.getRetryAttempts() < 0) {
            throw SmsErrors.invalid(providerName, operation, "retryAttempts", "retryAttempts must be 0 or more");
        }
        if (configuration.getRetryDelay() < 0) {
            throw SmsErrors.invalid(providerName, operation, "retryDelay", "retryDelay must be 0 or more");
        }
        if (configuration.getMaxRetryDelay() < 0) {
            throw SmsErrors.invalid(providerName, operation, "maxRetryDelay", "maxRetryDelay must be 0 or more");
        }
        return new SmsRetryPolicy(configuration.getRetryAttempts(), Duration.ofMillis(configuration.getRetryDelay()),
                Duration.ofMillis(configuration.getMaxRetryDelay()));
    }

    /** The proxy (host:port) that https requests tunnel through with CONNECT, or null when they go direct. */
    static String tunnelProxy(SmsConfiguration configuration, String baseUrl) {
        if (configuration.getProxyHost() == null || !baseUrl.regionMatches(true, 0, "https:", 0, 6)) {
            return null;
        }
        return configuration.getProxyHost() + ":" + (configuration.getProxyPort() != null
                ? configuration.getProxyPort() : SmsHttpClients.DEFAULT_PROXY_PORT);
    }
}
