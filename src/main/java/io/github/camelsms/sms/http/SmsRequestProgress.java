package io.github.camelsms.sms.http;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether any byte of one request may have reached the provider. A request with a body counts as written once the
 * connection starts writing the body ({@link TrackedEntityProducer}); one without a body once it is handed to an
 * open connection ({@link #MARK_ON_CONNECTION}). Until then a failure (connect error, a pool that could not lease a
 * connection or was shut down, a closed client) cannot have sent anything. A request the component abandons before
 * it was written (because it stops) is never written afterwards: the answer given then stays true.
 */
final class SmsRequestProgress {

    static final String ATTRIBUTE = "io.github.camelsms.sms.requestProgress";

    private static final int UNWRITTEN = 0;
    private static final int WRITTEN = 1;
    private static final int ABANDONED = 2;

    /** Runs in the async client just before its main transport writes the request on a connected connection. */
    static final AsyncExecChainHandler MARK_ON_CONNECTION = new AsyncExecChainHandler() {
        @Override
        public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
                            AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
            if (entityProducer == null
                && scope.clientContext.getAttribute(ATTRIBUTE) instanceof SmsRequestProgress progress) {
                progress.startWriting();
            }
            chain.proceed(request, entityProducer, scope, callback);
        }
    };

    private final AtomicInteger state = new AtomicInteger(UNWRITTEN);

    /** Called before the first byte is written; refuses when the request was abandoned. */
    void startWriting() throws IOException {
        if (!state.compareAndSet(UNWRITTEN, WRITTEN) && state.get() == ABANDONED) {
            throw new IOException("the request was abandoned before it was written");
        }
    }

    boolean written() {
        return state.get() == WRITTEN;
    }

    /** Gives the request up: returns whether bytes of it may have been written; when not, none ever will be. */
    boolean abandon() {
        return !state.compareAndSet(UNWRITTEN, ABANDONED) && state.get() == WRITTEN;
    }

}
