package io.github.camelsms.sms.http;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A header whose value goes on the wire but never into a log line: the async client prints every request header
 * with toString() to org.apache.hc.client5.http.headers at DEBUG, and offers no way to turn that off.
 */
final class SmsQuietHeader extends BasicHeader {

    private static final String[] CREDENTIAL_HEADERS = { HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION };

    /** Puts the request's Authorization and Proxy-Authorization headers quiet. */
    static void quietCredentials(HttpRequest request) {
        for (String name : CREDENTIAL_HEADERS) {
            Header header = request.getFirstHeader(name);
            if (header != null && !(header instanceof SmsQuietHeader)) {
                request.setHeader(new SmsQuietHeader(name, header.getValue()));
            }
        }
    }

    SmsQuietHeader(String name, String value) {
        super(name, value, true);
    }

    @Override
    public String toString() {
        return getName() + ": ****";
    }
}
