package io.github.camelsms.sms;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 1 (DESIGN rule 7): a TLS server reads a whole send, then fails the connection. Whatever the failure
 * (even one whose type says "handshake"), the request's bytes went out: the send is in doubt and never sent again.
 */
@Timeout(60)
class FailureAfterTheRequestTest extends CamelTestSupport {

    private static final String TLS12 = "TLSv1.2";

    @TempDir
    static Path dir;

    private static TlsLoopback tls;
    private FailingTlsServer server;

    @BeforeAll
    static void createCertificate() throws Exception {
        tls = TlsLoopback.create(dir);
    }

    /** How the server ends the connection once it has read the whole request. */
    enum Failure {
        /** TLS 1.2 renegotiation demanding a client certificate: the client gets a handshake-class fatal alert. */
        RENEGOTIATION_DEMANDING_A_CLIENT_CERTIFICATE,
        /** A record that does not decrypt: an SSLException that is no handshake failure. */
        CORRUPT_RECORD,
        /** TCP reset. */
        RESET,
        /** An orderly TLS close without an answer. */
        CLOSE,
        /** No answer at all: the response timeout. */
        SILENCE
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    static List<Arguments> failures() {
        List<Arguments> all = new java.util.ArrayList<>();
        for (String provider : List.of("cpsms", "twilio")) {
            for (Failure failure : Failure.values()) {
                all.add(Arguments.of(provider, failure));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void aSendTheServerReadIsInDoubtAndNotSentAgain(String provider, Failure failure) throws Exception {
        server = new FailingTlsServer(tls, failure);
        context.getRegistry().bind("tls", tls.clientParameters());

        Exchange exchange = template().send(uri(provider), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(SmsConstants.TO, provider.equals("cpsms") ? "4522334488" : "+4522334488");
        });

        assertThat(exchange.getException()).as("%s after %s", provider, failure)
                .isInstanceOf(SmsTransportException.class);
        SmsTransportException e = (SmsTransportException) exchange.getException();
        assertThat(e.isInDoubt()).as("in doubt: " + e.getMessage() + " caused by " + e.getCause()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("check before sending again").doesNotContain("Nothing was sent");
        Thread.sleep(200); // a retry would have been scheduled 5 ms after the failure
        assertThat(server.requests()).as("requests the server read").hasSize(1);
        assertThat(server.requests().get(0)).startsWith("POST ");
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = { "RENEGOTIATION_DEMANDING_A_CLIENT_CERTIFICATE", "CORRUPT_RECORD" })
    void aBodilessDeleteTheServerReadIsInDoubtAndNotSentAgain(Failure failure) throws Exception {
        server = new FailingTlsServer(tls, failure);
        context.getRegistry().bind("tls", tls.clientParameters());

        Exchange exchange = template().send(uri("twilio").replace("sms:twilio/send", "sms:twilio/deleteMessage")
                        .replace("&from=RAW(+4570200000)", ""),
                e -> e.getMessage().setHeader(SmsConstants.MESSAGE_ID, "SM0123456789abcdef0123456789abcdef"));

        SmsTransportException e = (SmsTransportException) exchange.getException();
        assertThat(e.isInDoubt()).as("in doubt: " + e.getMessage()).isTrue();
        assertThat(e.getMessage()).contains("check before trying again");
        Thread.sleep(200);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r).startsWith("DELETE "));
    }

    private String uri(String provider) {
        String base = "https://127.0.0.1:" + server.port();
        String common = "&sslContextParameters=#tls&retryAttempts=3&retryDelay=5&responseTimeout=500";
        if (provider.equals("cpsms")) {
            return "sms:cpsms/send?baseUrl=" + base + "/v2&username=u&apiKey=RAW(k3y-After)" + common;
        }
        return "sms:twilio/send?baseUrl=" + base + "/2010-04-01&accountSid=AC0123456789abcdef0123456789abcdef"
               + "&authToken=RAW(t0ken-After)&from=RAW(+4570200000)" + common;
    }

    /** A TLS 1.2 server that reads each request whole, records it, then fails the connection as told. */
    static final class FailingTlsServer implements AutoCloseable {
        private final ServerSocket socket;
        private final TlsLoopback tls;
        private final Failure failure;
        private final List<String> requests = new CopyOnWriteArrayList<>();

        FailingTlsServer(TlsLoopback tls, Failure failure) throws IOException {
            this.tls = tls;
            this.failure = failure;
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "failing-tls");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket raw = socket.accept();
                    Thread serving = new Thread(() -> serve(raw), "failing-tls-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket raw) {
            try (raw) {
                SSLSocket ssl = (SSLSocket) tls.serverContext().getSocketFactory()
                        .createSocket(raw, raw.getInputStream(), true);
                ssl.setUseClientMode(false);
                ssl.setEnabledProtocols(new String[] { TLS12 });
                InputStream in = ssl.getInputStream();
                List<String> head = TlsLoopback.ConnectProxy.readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                in.readNBytes(contentLength(head));
                requests.add(head.get(0));
                fail(raw, ssl, in);
            } catch (IOException | InterruptedException expected) {
                // the failure this server was made for, or the client gave up
            }
        }

        private void fail(Socket raw, SSLSocket ssl, InputStream in) throws IOException, InterruptedException {
            switch (failure) {
                case RENEGOTIATION_DEMANDING_A_CLIENT_CERTIFICATE -> {
                    ssl.setNeedClientAuth(true);
                    ssl.startHandshake(); // sends HelloRequest; the client's empty certificate ends it with an alert
                    in.read();
                }
                case CORRUPT_RECORD -> {
                    byte[] record = new byte[5 + 64];
                    record[0] = 0x17; // application data
                    record[1] = 0x03;
                    record[2] = 0x03;
                    record[4] = 64;
                    java.util.Arrays.fill(record, 5, record.length, (byte) 0x5a);
                    raw.getOutputStream().write(record);
                    raw.getOutputStream().flush();
                    in.read();
                }
                case RESET -> {
                    raw.setSoLinger(true, 0);
                    raw.close();
                }
                case CLOSE -> ssl.close();
                case SILENCE -> {
                    in.read(); // until the client gives up
                }
            }
        }

        private static int contentLength(List<String> head) {
            for (String line : head) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
