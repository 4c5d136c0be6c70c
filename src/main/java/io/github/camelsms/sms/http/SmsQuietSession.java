package io.github.camelsms.sms.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import org.apache.hc.core5.http.nio.command.RequestExecutionCommand;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ssl.SSLIOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * An I/O session that keeps the secrets out of HttpClient's own logs. The async client prints every request and
 * response header to {@code org.apache.hc.client5.http.headers} at DEBUG, with no hook to stop it, before the component
 * sees a response. So this session
 * <ul>
 * <li>overwrites every secret, in whatever encoding {@link SmsSecretScanner} reads it (UTF-8 or ISO-8859-1, the
 * charset HttpClient reads a head in, and escaped), with asterisks of the same length in what it reads, before
 * HttpClient parses it: the bytes read over plain http, and over TLS the decrypted bytes the TLS layer hands to the protocol
 * handler (the session wraps each handler it is given, since the TLS layer reads from the socket below it);</li>
 * <li>hands every request to the connection with its {@code Authorization} and {@code Proxy-Authorization} headers
 * quiet ({@link SmsQuietHeader}), the {@code CONNECT} of a tunnel through an authenticating proxy included, which
 * HttpClient builds and answers to the proxy's challenge itself.</li>
 * </ul>
 * Setting it as the client's session decorator also replaces HttpClient's wire-logging decorator. Only the response
 * head must be masked here (HttpClient logs nothing of a body); the redactor masks bodies in what the component keeps.
 */
final class SmsQuietSession implements IOSession {

    private final IOSession session;
    private final Supplier<SmsSecretScanner> secrets;

    SmsQuietSession(IOSession session, Supplier<SmsSecretScanner> secrets) {
        this.session = session;
        this.secrets = secrets;
    }

    /**
     * Shorter matches are not masked in what is read: they could match a response's framing (a Content-Length, a chunk
     * size, a status code) and break it. The redactor still masks them in everything the component keeps.
     */
    static final int SHORTEST = 8;

    /**
     * The most bytes a TLS layer hands to the protocol handler at once (one record's plaintext is at most 16 KB): over
     * TLS, the bytes put into HttpClient's input buffer just before a read.
     */
    private static final int MOST_DECRYPTED_AT_ONCE = 1 << 15;
    /** Room for header folds inside a secret. */
    private static final int FOLD_SLACK = 64;

    /**
     * HttpClient reads a response head into its input buffer, which holds what it has not parsed yet before the new
     * bytes: the start of a header line from an earlier read, and over TLS the bytes decrypted just before this call.
     * Masking from a secret's length before the new bytes catches a secret split across two reads, before the head is
     * parsed and logged, without scanning a long unparsed line again on every read.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int count = session.read(dst);
        SmsSecretScanner known = secrets.get();
        int alreadyScanned = session instanceof SSLIOSession ? start - MOST_DECRYPTED_AT_ONCE : start;
        mask(dst, Math.max(0, alreadyScanned - known.longestEncoded() - FOLD_SLACK), dst.position(), known);
        return count;
    }

    static void mask(ByteBuffer buffer, int from, int to, SmsSecretScanner secrets) {
        if (secrets.isEmpty() || from >= to) {
            return;
        }
        SmsSecretScanner.Spans found = secrets.findInHead(buffer, from, to);
        for (int i = 0; i < found.size(); i++) {
            if (found.end(i) - found.start(i) >= SHORTEST) {
                star(buffer, found.start(i), found.end(i));
            }
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Overwrites a match with asterisks, keeping the folds inside it (the head keeps its lines). */
    private static void star(ByteBuffer buffer, int from, int to) {
        boolean inFold = false;
        for (int k = from; k < to; k++) {
            byte b = buffer.get(k);
            if (b == '\r' || b == '\n') {
                inFold = true;
            } else if (!(inFold && isBlank(b))) {
                inFold = false;
                buffer.put(k, (byte) '*');
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return session.write(src);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        session.close(closeMode);
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public IOEventHandler getHandler() {
        return session.getHandler();
    }

    @Override
    public void upgrade(IOEventHandler handler) {
        session.upgrade(handler instanceof MaskingHandler ? handler : new MaskingHandler(handler));
    }

    @Override
    public Lock getLock() {
        return session.getLock();
    }

    @Override
    public void enqueue(Command command, Command.Priority priority) {
        session.enqueue(quiet(command), priority);
    }

    private static Command quiet(Command command) {
        if (command instanceof RequestExecutionCommand execution
            && !(execution.getExchangeHandler() instanceof SmsQuietExchange)) {
            return new RequestExecutionCommand(new SmsQuietExchange(execution.getExchangeHandler()),
                    execution.getPushHandlerFactory(), execution.getCancellableDependency(), execution.getContext());
        }
        return command;
    }

    /** Masks the bytes a TLS layer decrypted before the protocol handler parses them. */
    private final class MaskingHandler implements IOEventHandler {
        private final IOEventHandler handler;

        MaskingHandler(IOEventHandler handler) {
            this.handler = handler;
        }

        @Override
        public void connected(IOSession protocolSession) throws IOException {
            handler.connected(protocolSession);
        }

        @Override
        public void inputReady(IOSession protocolSession, ByteBuffer src) throws IOException {
            if (src != null && src.hasRemaining()) {
                mask(src, src.position(), src.limit(), secrets.get());
            }
            handler.inputReady(protocolSession, src);
        }

        @Override
        public void outputReady(IOSession protocolSession) throws IOException {
            handler.outputReady(protocolSession);
        }

        @Override
        public void timeout(IOSession protocolSession, Timeout timeout) throws IOException {
            handler.timeout(protocolSession, timeout);
        }

        @Override
        public void exception(IOSession protocolSession, Exception cause) {
            handler.exception(protocolSession, cause);
        }

        @Override
        public void disconnected(IOSession protocolSession) {
            handler.disconnected(protocolSession);
        }
    }

    @Override
    public boolean hasCommands() {
        return session.hasCommands();
    }

    @Override
    public Command poll() {
        return session.poll();
    }

    @Override
    public ByteChannel channel() {
        return this;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return session.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return session.getLocalAddress();
    }

    @Override
    public int getEventMask() {
        return session.getEventMask();
    }

    @Override
    public void setEventMask(int ops) {
        session.setEventMask(ops);
    }

    @Override
    public void setEvent(int op) {
        session.setEvent(op);
    }

    @Override
    public void clearEvent(int op) {
        session.clearEvent(op);
    }

    @Override
    public Status getStatus() {
        return session.getStatus();
    }

    @Override
    public Timeout getSocketTimeout() {
        return session.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        session.setSocketTimeout(timeout);
    }

    @Override
    public long getLastReadTime() {
        return session.getLastReadTime();
    }

    @Override
    public long getLastWriteTime() {
        return session.getLastWriteTime();
    }

    @Override
    public long getLastEventTime() {
        return session.getLastEventTime();
    }

    @Override
    public void updateReadTime() {
        session.updateReadTime();
    }

    @Override
    public void updateWriteTime() {
        session.updateWriteTime();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
