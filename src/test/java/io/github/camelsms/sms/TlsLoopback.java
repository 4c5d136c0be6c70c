package io.github.camelsms.sms;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import static org.assertj.core.api.Assertions.assertThat;

/** A self-signed certificate for 127.0.0.1, an https server on it, and an authenticating CONNECT proxy. */
final class TlsLoopback {

    private static final String PASSWORD = "changeit";

    private final Path keystore;
    private final SSLContext serverContext;

    private TlsLoopback(Path keystore, SSLContext serverContext) {
        this.keystore = keystore;
        this.serverContext = serverContext;
    }

    /** Writes a fresh key pair for 127.0.0.1 into {@code dir}. */
    static TlsLoopback create(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        return new TlsLoopback(keystore, serverTls);
    }

    SSLContext serverContext() {
        return serverContext;
    }

    /** What a client sets as {@code sslContextParameters} to trust the server. */
    SSLContextParameters clientParameters() {
        KeyStoreParameters trust = new KeyStoreParameters();
        trust.setResource("file:" + keystore);
        trust.setPassword(PASSWORD);
        trust.setType("PKCS12");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trust);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        return tls;
    }

    /** An https server on 127.0.0.1 handing every request to {@code handler}. */
    HttpsServer start(HttpHandler handler) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    /**
     * A server that answers every request with the parts {@code answer} makes of its head lines, each part written and
     * flushed on its own 100 ms after the previous one (over TLS each part is a record of its own), then closes the
     * connection. For secrets split across two reads of the client.
     */
    static final class SplitAnswerServer implements AutoCloseable {
        private final ServerSocket socket;

        SplitAnswerServer(TlsLoopback tls, java.util.function.Function<List<String>, List<String>> answer)
                throws IOException {
            socket = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : tls.serverContext.getServerSocketFactory().createServerSocket(0, 50,
                            InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        List<String> head = ConnectProxy.readHead(client.getInputStream());
                        OutputStream out = client.getOutputStream();
                        for (String part : answer.apply(head)) {
                            out.write(part.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException closed) {
                        return;
                    }
                }
            }, "split-answer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A forward proxy that answers a CONNECT without a Proxy-Authorization header with a 407 challenge (keeping the
     * connection), and with one opens the tunnel to 127.0.0.1 (no other host). It records every Proxy-Authorization it
     * receives.
     */
    static final class ConnectProxy implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> proxyAuthorizations = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        private final String expectedAuthorization;
        private final int refuseWith;

        ConnectProxy() throws IOException {
            this(null, 0);
        }

        /**
         * @param expectedAuthorization the only Proxy-Authorization value accepted (null: any); another one is
         *                              challenged again
         * @param refuseWith            a status to answer an authorized CONNECT with instead of opening the tunnel
         *                              (0: open it)
         */
        ConnectProxy(String expectedAuthorization, int refuseWith) throws IOException {
            this.expectedAuthorization = expectedAuthorization;
            this.refuseWith = refuseWith;
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "connect-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> proxyAuthorizations() {
            return proxyAuthorizations;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    Thread serving = new Thread(() -> serve(client), "connect-proxy-client");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                while (true) {
                    List<String> head = readHead(in);
                    if (head.isEmpty()) {
                        return;
                    }
                    String[] requestLine = head.get(0).split(" ");
                    String authorization = null;
                    for (String line : head.subList(1, head.size())) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                            authorization = line.substring(line.indexOf(':') + 1).trim();
                            proxyAuthorizations.add(authorization);
                        }
                    }
                    if (!"CONNECT".equals(requestLine[0]) || !requestLine[1].startsWith("127.0.0.1:")) {
                        out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                    if (authorization == null
                        || expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                   + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        continue;
                    }
                    if (refuseWith != 0) {
                        String body = "No tunnel to " + requestLine[1];
                        out.write(("HTTP/1.1 " + refuseWith + " Refused\r\nContent-Type: text/plain\r\nContent-Length: "
                                   + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    }
                    int port = Integer.parseInt(requestLine[1].substring(requestLine[1].indexOf(':') + 1));
                    try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        open.add(target);
                        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread back = new Thread(() -> pipe(target, client), "connect-proxy-back");
                        back.setDaemon(true);
                        back.start();
                        pipe(client, target);
                    }
                    return;
                }
            } catch (IOException e) {
                // the client or the target went away
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        static List<String> readHead(InputStream in) throws IOException {
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII).replace("\r", "");
                    line.reset();
                    if (text.isEmpty()) {
                        return lines;
                    }
                    lines.add(text);
                } else {
                    line.write(b);
                }
            }
            return List.of();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
