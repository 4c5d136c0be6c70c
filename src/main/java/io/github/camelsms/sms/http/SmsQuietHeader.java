package io.github.camelsms.sms.http;

import java.io.IOException;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * A header whose value goes on the wire but never into a log line: the async client prints every request header
 * with toString() to org.apache.hc.client5.http.headers at DEBUG, and offers no way to turn that off.
 */
final class SmsQuietHeader extends BasicHeader {

    /**
     * Runs just before the main transport writes a request, after HttpClient added its own Proxy-Authorization (the
     * answer to a proxy's challenge): the credentials' headers go out quiet.
     */
    static final AsyncExecChainHandler QUIET_CREDENTIALS = new AsyncExecChainHandler() {
        @Override
        public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
                            AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
            for (String name : new String[] { HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION }) {
                Header header = request.getFirstHeader(name);
                if (header != null && !(header instanceof SmsQuietHeader)) {
                    request.setHeader(new SmsQuietHeader(name, header.getValue()));
                }
            }
            chain.proceed(request, entityProducer, scope, callback);
        }
    };

    SmsQuietHeader(String name, String value) {
        super(name, value, true);
    }

    @Override
    public String toString() {
        return getName() + ": ****";
    }
}
