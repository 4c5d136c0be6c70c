package io.github.camelsms.sms.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Adds the component's own parameters (webhookVerifyToken, reference) to a delivery-report URL before it goes to the
 * provider, so that the consumer can check and correlate the report.
 */
public final class SmsCallbackUrls {

    /** The query parameter that carries the webhookVerifyToken. */
    public static final String TOKEN_PARAM = "webhookVerifyToken";
    /** The query parameter that carries the CPSMS reference of the message. */
    public static final String REFERENCE_PARAM = "reference";

    private SmsCallbackUrls() {
    }

    /** The URL with name=value appended to its query, unless the value is blank or the URL has the name already. */
    public static String withParam(String url, String name, String value) {
        if (url == null || value == null || value.isBlank() || hasParam(url, name)) {
            return url;
        }
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + tail;
    }

    private static boolean hasParam(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String pair : url.substring(q + 1).split("[&#]")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }
}
