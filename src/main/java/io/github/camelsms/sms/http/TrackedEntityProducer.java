package io.github.camelsms.sms.http;

import java.io.IOException;
import java.util.Set;

import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body that notes when the connection starts writing it: before that, the provider cannot have acted on
 * the request, so a failure then is certainly not in doubt.
 */
final class TrackedEntityProducer implements AsyncEntityProducer {

    private final AsyncEntityProducer delegate;
    private final SmsRequestProgress progress;

    TrackedEntityProducer(AsyncEntityProducer delegate, SmsRequestProgress progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        progress.markWritten();
        delegate.produce(channel);
    }

    @Override
    public int available() {
        return delegate.available();
    }

    @Override
    public boolean isRepeatable() {
        return delegate.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public long getContentLength() {
        return delegate.getContentLength();
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }

    @Override
    public String getContentEncoding() {
        return delegate.getContentEncoding();
    }

    @Override
    public boolean isChunked() {
        return delegate.isChunked();
    }

    @Override
    public Set<String> getTrailerNames() {
        return delegate.getTrailerNames();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }
}
