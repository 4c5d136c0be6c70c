package io.github.camelsms.sms.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.ByteArrayBuffer;
import io.github.camelsms.sms.spi.SmsHttpResponse;

/**
 * Reads an answer whole into an {@link SmsHttpResponse}, refusing bodies larger than {@code maxBytes} with
 * {@link ResponseTooLargeException} instead of holding them in memory. An answer of known length is read into an
 * array of exactly that length.
 */
final class SmsResponseConsumer implements AsyncResponseConsumer<SmsHttpResponse> {

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;
    private int status;
    private Map<String, String> headers;
    private ByteArrayBuffer body;
    private FutureCallback<SmsHttpResponse> resultCallback;

    SmsResponseConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
                                FutureCallback<SmsHttpResponse> resultCallback) throws IOException {
        status = response.getCode();
        Header[] all = response.getHeaders();
        headers = new LinkedHashMap<>(all.length * 2);
        for (Header header : all) {
            headers.put(header.getName(), header.getValue());
        }
        if (entityDetails == null) {
            resultCallback.completed(new SmsHttpResponse(status, headers, EMPTY));
            return;
        }
        long length = entityDetails.getContentLength();
        if (length > maxBytes) {
            throw new ResponseTooLargeException(new SmsHttpResponse(status, headers, EMPTY));
        }
        this.resultCallback = resultCallback;
        body = new ByteArrayBuffer(length >= 0 ? (int) length : 1024);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing the component needs
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (body.length() + src.remaining() > maxBytes) {
            throw new ResponseTooLargeException(new SmsHttpResponse(status, headers, EMPTY));
        }
        body.append(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        byte[] bytes = body.capacity() == body.length() ? body.array() : body.toByteArray();
        resultCallback.completed(new SmsHttpResponse(status, headers, bytes));
    }

    @Override
    public void failed(Exception cause) {
        // the transport's callback maps the failure
    }

    @Override
    public void releaseResources() {
        body = null;
    }

    /** An answer larger than the transport keeps; carries its status and headers. */
    static final class ResponseTooLargeException extends IOException {
        private final transient SmsHttpResponse response;

        ResponseTooLargeException(SmsHttpResponse response) {
            super("the answer is larger than the component reads");
            this.response = response;
        }

        SmsHttpResponse response() {
            return response;
        }
    }
}
