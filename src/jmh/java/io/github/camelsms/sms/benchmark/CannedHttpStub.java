package io.github.camelsms.sms.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cheapest HTTP/1.1 server that still behaves like one: a loopback socket, one thread per keep-alive connection,
 * a request head scanned only for its path and Content-Length, the body skipped, and a pre-encoded answer written in
 * one call. Paths under /Accounts get a canned LaML 201 message, everything else a canned CPSMS 200. It allocates
 * nothing per request beyond what the socket streams do, so what it costs is kernel and loopback time (measured by
 * {@code SendBenchmark.stubFloor}).
 */
final class CannedHttpStub implements AutoCloseable {

    static final String CPSMS_BODY = "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}";
    static final String LAML_BODY = "{\"account_sid\":\"" + BenchmarkFixture.ACCOUNT_SID + "\","
                                    + "\"api_version\":\"2010-04-01\",\"body\":\"Hello from the benchmark\","
                                    + "\"date_created\":\"Mon, 23 Nov 2026 09:00:00 +0000\",\"date_sent\":null,"
                                    + "\"date_updated\":\"Mon, 23 Nov 2026 09:00:00 +0000\","
                                    + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                                    + "\"from\":\"+4570200000\",\"messaging_service_sid\":null,\"num_media\":\"0\","
                                    + "\"num_segments\":\"1\",\"price\":null,\"price_unit\":\"USD\","
                                    + "\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\","
                                    + "\"to\":\"+4522334488\",\"uri\":\"/2010-04-01/Accounts/"
                                    + BenchmarkFixture.ACCOUNT_SID
                                    + "/Messages/SM0123456789abcdef0123456789abcdef.json\"}";

    private static final byte[] CPSMS_RESPONSE = response("200 OK", CPSMS_BODY);
    private static final byte[] LAML_RESPONSE = response("201 Created", LAML_BODY);
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder requests = new LongAdder();

    private final long delayMillis;

    CannedHttpStub() throws IOException {
        this(0);
    }

    /** A stub that answers each request after {@code delayMillis}, as a real provider's latency would. */
    CannedHttpStub(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "canned-stub-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    long requests() {
        return requests.sum();
    }

    private static byte[] response(String status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                      + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket), "canned-stub-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        byte[] head = new byte[MAX_HEAD];
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
             OutputStream out = socket.getOutputStream()) {
            while (true) {
                int length = readHead(in, head);
                if (length < 0) {
                    return;
                }
                long contentLength = contentLength(head, length);
                while (contentLength > 0) {
                    long skipped = in.skip(contentLength);
                    if (skipped <= 0) {
                        if (in.read() < 0) {
                            return;
                        }
                        skipped = 1;
                    }
                    contentLength -= skipped;
                }
                requests.increment();
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                out.write(isLaml(head, length) ? LAML_RESPONSE : CPSMS_RESPONSE);
                out.flush();
            }
        } catch (SocketException e) {
            // the client closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // as above
        } finally {
            connections.remove(socket);
        }
    }

    /** Reads up to and including the blank line; the head's length, or -1 at the end of the stream. */
    private static int readHead(InputStream in, byte[] head) throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (n == head.length) {
                throw new IOException("request head too long");
            }
            head[n++] = (byte) b;
            if (n >= 4 && head[n - 1] == '\n' && head[n - 2] == '\r' && head[n - 3] == '\n' && head[n - 4] == '\r') {
                return n;
            }
        }
    }

    private static long contentLength(byte[] head, int length) {
        byte[] name = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + name.length < length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (Character.toLowerCase(head[i + j]) != name[j]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int k = i + name.length; k < length; k++) {
                byte c = head[k];
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                } else if (c != ' ' || value > 0) {
                    break;
                }
            }
            return value;
        }
        return 0;
    }

    private static boolean isLaml(byte[] head, int length) {
        // request line: "POST /Accounts/..." -- the path starts after the first space
        int space = 0;
        while (space < length && head[space] != ' ') {
            space++;
        }
        return space + 9 < length && head[space + 1] == '/' && head[space + 2] == 'A' && head[space + 3] == 'c';
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
