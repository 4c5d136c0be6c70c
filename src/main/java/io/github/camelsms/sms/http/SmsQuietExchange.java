package io.github.camelsms.sms.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * An exchange whose request reaches the connection with its credentials' headers quiet: the last step before
 * HttpClient logs the request head, after every header was added (the {@code Proxy-Authorization} of a tunnel's
 * {@code CONNECT} included).
 */
final class SmsQuietExchange implements AsyncClientExchangeHandler {

    private final AsyncClientExchangeHandler exchange;

    SmsQuietExchange(AsyncClientExchangeHandler exchange) {
        this.exchange = exchange;
    }

    @Override
    public void produceRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        exchange.produceRequest((request, entityDetails, requestContext) -> {
            SmsQuietHeader.quietCredentials(request);
            channel.sendRequest(request, entityDetails, requestContext);
        }, context);
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context)
            throws HttpException, IOException {
        exchange.consumeResponse(response, entityDetails, context);
    }

    @Override
    public void consumeInformation(HttpResponse response, HttpContext context) throws HttpException, IOException {
        exchange.consumeInformation(response, context);
    }

    @Override
    public void cancel() {
        exchange.cancel();
    }

    @Override
    public void failed(Exception cause) {
        exchange.failed(cause);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        exchange.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        exchange.consume(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        exchange.streamEnd(trailers);
    }

    @Override
    public int available() {
        return exchange.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        exchange.produce(channel);
    }

    @Override
    public void releaseResources() {
        exchange.releaseResources();
    }
}
