package io.github.camelsms.sms.provider.laml;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The LaML (Twilio-compatible) webhook signature: Base64(HMAC-SHA1(auth token, full URL + each POST parameter's
 * name and value, sorted by name)).
 */
public final class LamlWebhookSignature {

    private LamlWebhookSignature() {
    }

    /** The signature of a request to that URL (query included) with those POST parameters. */
    public static String compute(String authToken, String url, Map<String, List<String>> postParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParams).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(value -> data.append(name).append(value));
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * Whether the signature matches, compared in constant time. Like the providers' own validators it accepts the URL
     * with and without the scheme's default port, since proxies add or drop it.
     */
    public static boolean isValid(String authToken, String url, Map<String, List<String>> postParams,
                                  String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            byte[] expected = compute(authToken, candidate, postParams).getBytes(StandardCharsets.UTF_8);
            valid |= MessageDigest.isEqual(expected, given);
        }
        return valid;
    }

    private static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = new URI(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443
                    : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
            if (defaultPort > 0 && uri.getRawAuthority() != null && uri.getUserInfo() == null) {
                int port = uri.getPort() == defaultPort ? -1 : uri.getPort() < 0 ? defaultPort : uri.getPort();
                if (port != uri.getPort()) {
                    String authority = uri.getHost() + (port < 0 ? "" : ":" + port);
                    String prefix = uri.getScheme() + "://" + uri.getRawAuthority();
                    variants.add(uri.getScheme() + "://" + authority + url.substring(prefix.length()));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unparsable URL is only compared as it is
        }
        return variants;
    }
}
