package io.github.camelsms.sms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.github.camelsms.sms.simulator.RecordedRequest;

/**
 * A loopback HTTP server that records the callbacks it receives and answers 200.
 */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.of(), body, null, Instant.now()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
    }

    static CallbackReceiver start() throws IOException {
        CallbackReceiver receiver = new CallbackReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50));
        receiver.server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<RecordedRequest> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
