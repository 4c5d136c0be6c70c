package io.github.camelsms.sms.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.camelsms.sms.simulator.TwilioOpenApi;

/**
 * A misbehaving HTTP/1.1 server on a loopback port for transport tests: keep-alive connections that it closes after
 * an idle time, answers after a delay, answers chosen per request (any status and body, or a dropped connection), and
 * a record of every request it read whole.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** A request as the server read it. */
    public record Request(String method, String path, String head, String body, long receivedAtNanos) {
    }

    /**
     * What to answer: status and body after delayMillis; with drop set the connection is closed instead of answering.
     */
    public record Answer(int status, String contentType, String body, long delayMillis, boolean drop) {

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, 0, false);
        }

        public static Answer dropped() {
            return new Answer(0, null, null, 0, true);
        }

        public Answer after(long millis) {
            return new Answer(status, contentType, body, millis, drop);
        }
    }

    public static final String CPSMS_OK = "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}";

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> specViolations = new ConcurrentLinkedQueue<>();
    private volatile Function<Request, Answer> responder = r -> Answer.json(200, CPSMS_OK);
    private volatile int idleTimeoutMillis;

    public LoopbackHttpServer() {
        try {
            server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "loopback-http-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public LoopbackHttpServer answering(Function<Request, Answer> responder) {
        this.responder = responder;
        return this;
    }

    /** Closes a keep-alive connection that waited this long for its next request (0: never). */
    public LoopbackHttpServer closingIdleConnectionsAfter(int millis) {
        this.idleTimeoutMillis = millis;
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** How many TCP connections were accepted. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** The most requests being handled at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** How many answers were written. */
    public int answered() {
        return answered.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                accepted.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket), "loopback-http-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                socket.setSoTimeout(idleTimeoutMillis);
                String head;
                try {
                    head = readHead(in);
                } catch (SocketTimeoutException idle) {
                    return; // like a server's keep-alive timeout: close without a word
                }
                if (head == null) {
                    return;
                }
                socket.setSoTimeout(0);
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                int length = 0;
                for (String line : lines) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                Request request = new Request(requestLine[0], requestLine[1], head, body, System.nanoTime());
                requests.add(request);
                checkAgainstTwilioSpec(request, lines);
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                boolean counted = true;
                try {
                    Answer answer = responder.apply(request);
                    if (answer.delayMillis() > 0) {
                        Thread.sleep(answer.delayMillis());
                    }
                    if (answer.drop()) {
                        return;
                    }
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    String responseHead = "HTTP/1.1 " + answer.status() + " X\r\nContent-Type: " + answer.contentType()
                                          + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
                    // no longer in flight once the answer may reach the client, which may then send its next request
                    // (counted after the write, a fast client's next request was seen while this one still counted)
                    inFlight.decrementAndGet();
                    counted = false;
                    out.write(responseHead.getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                    answered.incrementAndGet();
                } finally {
                    if (counted) {
                        inFlight.decrementAndGet();
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the server closes
        } finally {
            connections.remove(socket);
        }
    }

    /** Twilio's OpenAPI spec is the oracle for every LaML request, also those this stub receives. */
    private void checkAgainstTwilioSpec(Request request, String[] headLines) {
        int query = request.path().indexOf('?');
        String path = query < 0 ? request.path() : request.path().substring(0, query);
        if (!TwilioOpenApi.isLamlPath(path)) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            if (colon > 0) {
                headers.put(headLines[i].substring(0, colon).trim(), headLines[i].substring(colon + 1).trim());
            }
        }
        specViolations.addAll(TwilioOpenApi.get().violations(request.method(), path,
                query < 0 ? null : request.path().substring(query + 1), headers, request.body()));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Closes the server; fails when a LaML request it received does not conform to Twilio's OpenAPI spec. */
    @Override
    public void close() {
        closeQuietly();
        if (!specViolations.isEmpty()) {
            throw new AssertionError("LaML requests that do not conform to Twilio's OpenAPI spec: " + specViolations);
        }
    }

    private void closeQuietly() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
    }
}
