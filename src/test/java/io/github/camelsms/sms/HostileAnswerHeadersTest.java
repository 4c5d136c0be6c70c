package io.github.camelsms.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.exception.SmsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer whose head never ends (endless headers, or one endless header line) is refused once it passes a bound:
 * the component does not hold it in memory, and a send ends in doubt. The response timeout cannot help: bytes keep
 * arriving.
 */
@Timeout(60)
class HostileAnswerHeadersTest extends CamelTestSupport {

    /** What the server offers at most; far more than any real answer's head. */
    private static final long OFFERED = 32L * 1024 * 1024;

    private ServerSocket socket;

    @AfterEach
    void closeServer() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = { true, false })
    void anEndlessHeadIsRefusedAndTheSendIsInDoubt(boolean manyHeaders) throws Exception {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicLong written = new AtomicLong();
        Thread server = new Thread(() -> serveEndlessHead(manyHeaders, written), "endless-head");
        server.setDaemon(true);
        server.start();

        Exchange exchange = template().send("sms:cpsms/send?baseUrl=http://127.0.0.1:" + socket.getLocalPort()
                                            + "&username=u&apiKey=RAW(k3y-Endless)", e -> {
                                                e.getMessage().setBody("Hello");
                                                e.getMessage().setHeader(SmsConstants.TO, "4522334401");
                                            });
        server.join(30_000);

        assertThat(written.get()).as("bytes of head the client read before it hung up").isLessThan(OFFERED / 2);
        assertThat(exchange.getException()).isInstanceOf(SmsException.class);
        SmsException e = (SmsException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
    }

    private void serveEndlessHead(boolean manyHeaders, AtomicLong written) {
        try (Socket client = socket.accept()) {
            InputStream in = client.getInputStream();
            readRequest(in);
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            if (!manyHeaders) {
                out.write("X-Long: ".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] pad = "a".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; written.get() < OFFERED; i++) {
                byte[] chunk = manyHeaders
                        ? ("X-Pad-" + i + ": " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII) : pad;
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
            out.write("\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            client.getInputStream().read();
        } catch (IOException closedByTheClient) {
            // what the test expects once the client refuses the head
        }
    }

    /** Reads the request head and its Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }
}
