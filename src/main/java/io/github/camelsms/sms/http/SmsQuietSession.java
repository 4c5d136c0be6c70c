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
import org.apache.hc.core5.util.Timeout;

/**
 * An I/O session that keeps the secrets out of HttpClient's own logs. The async client prints every request and
 * response header to {@code org.apache.hc.client5.http.headers} at DEBUG, with no hook to stop it, before the component
 * sees a response. So this session
 * <ul>
 * <li>overwrites every form of every secret with asterisks of the same length in what it reads, before HttpClient
 * parses it: the bytes read over plain http, and over TLS the decrypted bytes the TLS layer hands to the protocol
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
    private final Supplier<Secrets> secrets;

    SmsQuietSession(IOSession session, Supplier<Secrets> secrets) {
        this.session = session;
        this.secrets = secrets;
    }

    /** The byte forms of the secrets, indexed by their first two bytes so that a read is scanned once. */
    static final class Secrets {
        static final Secrets NONE = new Secrets(new byte[0][]);

        private final byte[][][] byPrefix;

        Secrets(byte[][] forms) {
            byPrefix = forms.length == 0 ? null : new byte[1 << 16][][];
            for (byte[] form : forms) {
                if (form.length < 2) {
                    continue;
                }
                int key = prefix(form[0], form[1]);
                byte[][] known = byPrefix[key];
                byte[][] more = known == null ? new byte[1][] : java.util.Arrays.copyOf(known, known.length + 1);
                more[more.length - 1] = form;
                byPrefix[key] = more;
            }
        }

        private static int prefix(byte first, byte second) {
            return (first & 0xff) << 8 | second & 0xff;
        }
    }

    /**
     * HttpClient reads a response head into its input buffer, which holds what it has not parsed yet before the new
     * bytes: the start of a header line from an earlier read, and over TLS the bytes decrypted just before this call.
     * Masking the whole buffer catches a secret split across two reads, before the head is parsed and logged.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int count = session.read(dst);
        mask(dst, 0, dst.position(), secrets.get());
        return count;
    }

    static void mask(ByteBuffer buffer, int from, int to, Secrets secrets) {
        if (secrets.byPrefix == null) {
            return;
        }
        for (int i = from; i < to - 1; i++) {
            byte[][] candidates = secrets.byPrefix[Secrets.prefix(buffer.get(i), buffer.get(i + 1))];
            if (candidates == null) {
                continue;
            }
            for (byte[] secret : candidates) {
                if (i + secret.length <= to && matches(buffer, i, secret)) {
                    for (int j = 0; j < secret.length; j++) {
                        buffer.put(i + j, (byte) '*');
                    }
                    i += secret.length - 1;
                    break;
                }
            }
        }
    }

    private static boolean matches(ByteBuffer buffer, int at, byte[] secret) {
        for (int j = 0; j < secret.length; j++) {
            if (buffer.get(at + j) != secret[j]) {
                return false;
            }
        }
        return true;
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
