package io.github.camelsms.sms.spi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * How a provider authenticates its requests ({@link SmsProvider#authentication}); the transport applies it to every
 * request. The headers it adds are kept out of HTTP client logs, and every form in which it sends a secret is
 * redacted. A provider that signs its requests implements this interface itself.
 */
public interface SmsAuthentication {

    /** No authentication (for example a consumer, which calls no provider API). */
    SmsAuthentication NONE = new SmsAuthentication() {
        @Override
        public Map<String, String> headers(SmsHttpRequest request) {
            return Map.of();
        }

        @Override
        public List<String> secretsOnTheWire() {
            return List.of();
        }
    };

    /** The headers to add to the request, name to value (the request as {@link #apply} returned it). */
    Map<String, String> headers(SmsHttpRequest request);

    /** The request with credentials put into its query or body, where the scheme puts them there; else itself. */
    default SmsHttpRequest apply(SmsHttpRequest request) {
        return request;
    }

    /**
     * Every form in which this scheme puts a secret on the wire that differs from the secret itself (such as the
     * Base64 of {@code user:secret}), for the redactor; the secret options themselves are redacted anyway.
     */
    List<String> secretsOnTheWire();

    /** HTTP Basic: {@code Authorization: Basic base64(user:secret)}. */
    static SmsAuthentication basic(String user, String secret) {
        String token = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return header("Authorization", "Basic " + token, List.of(token));
    }

    /** A bearer token: {@code Authorization: Bearer <token>}. */
    static SmsAuthentication bearer(String token) {
        return scheme("Bearer", token);
    }

    /** An API key with its scheme word: {@code Authorization: <word> <key>}, such as {@code App} or {@code Token}. */
    static SmsAuthentication scheme(String word, String key) {
        return header("Authorization", word + " " + key, List.of());
    }

    /** A header of the provider's own, such as {@code X-API-Key: <key>}. */
    static SmsAuthentication header(String name, String value) {
        return header(name, value, List.of());
    }

    private static SmsAuthentication header(String name, String value, List<String> derived) {
        Objects.requireNonNull(value, name);
        Map<String, String> headers = Map.of(name, value);
        return new SmsAuthentication() {
            @Override
            public Map<String, String> headers(SmsHttpRequest request) {
                return headers;
            }

            @Override
            public List<String> secretsOnTheWire() {
                return derived;
            }

            @Override
            public String toString() {
                return "SmsAuthentication[" + name + ": ****]";
            }
        };
    }

    /**
     * Credentials as parameters of a form body, after the request's own. Credentials never go into a URL: Apache
     * HttpClient logs every request line at DEBUG with no hook to mask it, so a request without a form body is
     * refused before it is sent (authenticate reads with another scheme the provider offers, such as Basic).
     */
    static SmsAuthentication formParameters(Map<String, String> parameters) {
        Map<String, String> ordered = new LinkedHashMap<>(parameters);
        return new SmsAuthentication() {
            @Override
            public Map<String, String> headers(SmsHttpRequest request) {
                return Map.of();
            }

            @Override
            public SmsHttpRequest apply(SmsHttpRequest request) {
                if (!SmsHttpRequest.FORM.equals(request.contentType())) {
                    throw new IllegalStateException("form credentials need a form body, and " + request
                                                    + " has none: credentials are never put into a URL");
                }
                return request.withFormParameters(ordered);
            }

            @Override
            public List<String> secretsOnTheWire() {
                return List.of(); // percent-encoded forms are found by the redactor's scanner
            }

            @Override
            public String toString() {
                return "SmsAuthentication[parameters " + ordered.keySet() + "]";
            }
        };
    }
}
