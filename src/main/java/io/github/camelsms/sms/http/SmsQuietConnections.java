package io.github.camelsms.sms.http;

import java.io.IOException;
import java.net.Socket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/**
 * Creates HttpClient connections that never log. HttpClient's own connections print every header (the Basic
 * {@code Authorization} and {@code Proxy-Authorization} values included) to {@code org.apache.hc.client5.http.headers}
 * and every byte to {@code org.apache.hc.client5.http.wire} as soon as those loggers are at DEBUG; these connections
 * write and read the same bytes without either.
 */
final class SmsQuietConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final SmsQuietConnections INSTANCE = new SmsQuietConnections();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection(Http1Config.DEFAULT);
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    private static final class QuietConnection extends DefaultBHttpClientConnection
            implements ManagedHttpClientConnection {

        private volatile Timeout socketTimeout;

        QuietConnection(Http1Config config) {
            super(config);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder != null ? holder.getSocket() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }
    }
}
