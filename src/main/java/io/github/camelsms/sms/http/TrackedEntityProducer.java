package io.github.camelsms.sms.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body of known bytes that notes when the connection starts writing it: before that, the provider cannot
 * have acted on the request, so a failure then is certainly not in doubt. The content type is a constant string (the
 * client asks for it more than once per request).
 */
final class TrackedEntityProducer implements AsyncEntityProducer {

    private final byte[] body;
    private final String contentType;
    private final SmsRequestProgress progress;
    private ByteBuffer unwritten;
    private volatile boolean ended;

    TrackedEntityProducer(byte[] body, String contentType, SmsRequestProgress progress) {
        this.body = body;
        this.contentType = contentType;
        this.progress = progress;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        progress.startWriting();
        if (unwritten == null) {
            unwritten = ByteBuffer.wrap(body);
        }
        if (unwritten.hasRemaining()) {
            channel.write(unwritten);
        }
        if (!unwritten.hasRemaining()) {
            ended = true;
            channel.endStream();
        }
    }

    @Override
    public int available() {
        // more than zero until the stream ended, also for an empty body: HttpClient writes a body only while its
        // producer says something is available, and the end of the stream has to be written too
        return ended ? 0 : Integer.MAX_VALUE;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public void failed(Exception cause) {
        // the transport's callback maps the failure
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public void releaseResources() {
        unwritten = null; // a repeated request writes the body from the start
        ended = false;
    }
}
