package io.github.camelsms.sms.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The scheme, host and port of the base URL: the only place an endpoint's credentials may go. URLs a provider hands
 * back (a LaML next_page_uri) are resolved as URIs against the base URL, never joined as strings, and refused when
 * they lead anywhere else.
 */
final class SmsOrigin {

    private final URI base;
    private final String scheme;
    private final String host;
    private final int port;

    SmsOrigin(String baseUrl) {
        this.base = URI.create(baseUrl);
        this.scheme = lower(base.getScheme());
        this.host = lower(base.getHost());
        this.port = effectivePort(base);
    }

    /**
     * The absolute URL of a provider-given reference: a path from the host root ({@code /2010-04-01/...}) or an
     * absolute URL of this origin.
     *
     * @throws IllegalArgumentException saying why the reference is refused
     */
    String resolve(String reference) {
        URI uri;
        try {
            uri = new URI(reference);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() && (uri.getRawAuthority() != null || uri.getRawPath() == null
                                  || !uri.getRawPath().startsWith("/"))) {
            throw new IllegalArgumentException("it is neither a path from the host root nor an absolute URL");
        }
        URI resolved = base.resolve(uri);
        if (!scheme.equals(lower(resolved.getScheme())) || resolved.getHost() == null
            || !host.equals(lower(resolved.getHost())) || port != effectivePort(resolved)
            || resolved.getRawUserInfo() != null) {
            throw new IllegalArgumentException("it leads to another origin than the base URL "
                                               + scheme + "://" + base.getRawAuthority());
        }
        return resolved.toString();
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(lower(uri.getScheme())) ? 443 : "http".equals(lower(uri.getScheme())) ? 80 : -1;
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
