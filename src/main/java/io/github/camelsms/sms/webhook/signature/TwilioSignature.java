package io.github.camelsms.sms.webhook.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * Twilio's webhook signature, which the LaML family shares: Base64(HMAC-SHA1(key, the full URL, query included,
 * followed by each POST parameter's name and value, sorted by name)). A GET and a JSON POST are signed over the URL
 * only, and a JSON POST's URL carries {@code bodySHA256}, the hex SHA-256 of the raw body, which must match.
 */
public final class TwilioSignature implements SmsWebhookSignature {

    static final String BODY_SHA256 = "bodySHA256";

    private final String key;
    private final List<String> headers;

    /**
     * @param key     the key the provider signs with (Twilio: the Auth Token)
     * @param headers the headers that may carry the signature, any one of them valid being enough
     */
    public TwilioSignature(String key, List<String> headers) {
        this.key = key;
        this.headers = List.copyOf(headers);
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        boolean json = request.isJson();
        if (json && !bodyMatchesItsHash(request)) {
            return Verdict.refused("the body does not match the URL's " + BODY_SHA256 + " parameter");
        }
        Map<String, List<String>> signedParams = "POST".equalsIgnoreCase(request.method()) && !json
                ? request.form() : Map.of();
        String refusal = "no " + String.join(" or ", headers) + " header";
        for (String header : headers) {
            String signature = request.header().apply(header);
            if (signature == null) {
                continue;
            }
            refusal = Signatures.unusable(header + " header", signature, Signatures.MAX_SIGNATURE_CHARS);
            if (refusal == null) {
                if (isValid(key, request.publicUrl(), signedParams, signature)) {
                    return Verdict.ok();
                }
                refusal = "the " + header + " header does not match the URL and parameters";
            }
        }
        return Verdict.refused(refusal);
    }

    private static boolean bodyMatchesItsHash(SmsWebhookRequest request) {
        List<String> hashes = request.query().get(BODY_SHA256);
        if (hashes == null || hashes.size() != 1) {
            return false;
        }
        byte[] digest = Signatures.digest("SHA-256", request.body());
        return Signatures.sameBytes(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII),
                hashes.get(0).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature of a request to that URL (query included) with those POST parameters. */
    static String compute(String key, String url, Map<String, List<String>> postParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParams).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(value -> data.append(name).append(value));
        });
        return Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", Signatures.utf8(key),
                Signatures.utf8(data.toString())));
    }

    /**
     * Whether the signature matches, compared in constant time. Like the providers' own validators it accepts the URL
     * with and without the scheme's default port, since proxies add or drop it.
     */
    static boolean isValid(String key, String url, Map<String, List<String>> postParams, String signature) {
        if (signature == null || signature.isBlank() || key == null || key.isEmpty()) {
            return false;
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            byte[] expected = compute(key, candidate, postParams).getBytes(StandardCharsets.UTF_8);
            valid |= Signatures.sameBytes(expected, given);
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
