package io.github.camelsms.sms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;
import io.github.camelsms.sms.spi.SmsWebhookEvent;

/**
 * A webhook memory in a SQL database that several instances share (set it on the consumers with
 * {@code webhookMemory=#bean}). Every decision is one atomic statement, so copies of a callback that reach different
 * instances at the same moment are routed once, and a non-final report is never routed once its message's final
 * report was (or while any report of that message is being routed).
 * <p>
 * One table (default {@code CAMEL_SMS_WEBHOOK}, created at start unless {@code createTable=false}):
 *
 * <pre>
 * CREATE TABLE CAMEL_SMS_WEBHOOK (
 *     webhook_key VARCHAR(255) NOT NULL PRIMARY KEY, -- a callback's duplicate key, or a message key + '|message'
 *     state       VARCHAR(8)   NOT NULL,             -- callback: routing, routed; message: open, routing
 *     is_final    BOOLEAN      NOT NULL,             -- message: a final report was routed
 *     claimed_at  BIGINT       NOT NULL              -- epoch milliseconds of the last claim, the database's clock
 * )
 * </pre>
 *
 * A callback's row is inserted ({@code routing}) when an instance claims it, becomes {@code routed} when its route
 * succeeded and is deleted when the route failed; a message's row is {@code routing} while one of its reports is
 * routed. A claim older than {@code claimTimeout} (an instance that died while routing) may be taken over; claims are
 * timed by the database's clock only, so instances whose clocks differ agree on their age. Keys longer than 200
 * characters are stored as their SHA-256. Rows are never deleted by the memory: delete old ones yourself (for example
 * those with {@code claimed_at} older than the providers' retry window, a few days).
 * <p>
 * A slow or locked database never holds the HTTP server: the statements run on the memory's own threads (at most
 * {@code maxConnections}), and a webhook waits for them at most {@code timeout} milliseconds. A claim that finds every
 * connection busy, or that is not decided in time, is answered 503 with Retry-After (a claim the database grants after
 * that is given back); a routed webhook not recorded in time is answered 500 (it is recorded when the database
 * answers). Every statement also carries {@code timeout} as its JDBC query timeout (rounded up to whole seconds), so
 * that the database ends it where its driver supports that.
 */
public class SmsJdbcWebhookMemory extends ServiceSupport implements SmsWebhookMemory {

    public static final String DEFAULT_TABLE = "CAMEL_SMS_WEBHOOK";
    /** The default of timeout: how long a webhook waits for the database, in milliseconds. */
    public static final long DEFAULT_TIMEOUT = 2000;
    /** The default of maxConnections: how many webhooks may wait for the database at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4;
    private static final int MAX_PLAIN_KEY = 200;
    private static final String MESSAGE_SUFFIX = "|message";
    /** The database's clock in epoch milliseconds (portable: H2, PostgreSQL). */
    private static final String DATABASE_NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE;
    private boolean createTable = true;
    private long claimTimeout = 120_000;
    private long timeout = DEFAULT_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private ThreadPoolExecutor statements;
    private Semaphore claims;

    public SmsJdbcWebhookMemory() {
    }

    public SmsJdbcWebhookMemory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("SmsJdbcWebhookMemory needs a dataSource");
        }
        if (!tableName.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("tableName '" + tableName + "' is not a plain SQL name");
        }
        if (timeout <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("timeout and maxConnections must be positive");
        }
        if (createTable) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(queryTimeoutSeconds());
                statement.execute("CREATE TABLE IF NOT EXISTS " + tableName + " (webhook_key VARCHAR(255) NOT NULL"
                                  + " PRIMARY KEY, state VARCHAR(8) NOT NULL, is_final BOOLEAN NOT NULL,"
                                  + " claimed_at BIGINT NOT NULL)");
            }
        }
        claims = new Semaphore(maxConnections);
        // records queue behind claims (they must not be lost); idle threads end after a minute
        statements = new ThreadPoolExecutor(maxConnections, maxConnections, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "SmsJdbcWebhookMemory-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        statements.allowCoreThreadTimeOut(true);
    }

    @Override
    protected void doStop() throws Exception {
        if (statements != null) {
            statements.shutdown(); // the records queued still run; a claim from now on is refused as BUSY
        }
    }

    @Override
    public Claim claim(SmsWebhookEvent event) {
        if (!claims.tryAcquire()) {
            return Claim.BUSY;
        }
        AtomicBoolean answered = new AtomicBoolean();
        Future<Claim> claim;
        try {
            claim = statements.submit(() -> {
                try {
                    Claim granted = claimNow(event);
                    if (granted == Claim.ROUTE && !answered.compareAndSet(false, true)) {
                        release(event, false); // the webhook was answered 503 meanwhile: nobody routes this claim
                    }
                    return granted;
                } finally {
                    claims.release();
                }
            });
        } catch (RejectedExecutionException e) {
            claims.release();
            return Claim.BUSY;
        }
        try {
            return await(claim, "claim");
        } catch (TimeoutException e) {
            // whoever sets answered first decides: a claim granted just now is routed, any later one given back
            return answered.compareAndSet(false, true) ? Claim.BUSY : awaitDone(claim, "claim");
        }
    }

    @Override
    public void routed(SmsWebhookEvent event) {
        record(event, true);
    }

    @Override
    public void failed(SmsWebhookEvent event) {
        record(event, false);
    }

    private void record(SmsWebhookEvent event, boolean routed) {
        String what = routed ? "record a routed" : "release a failed";
        Future<Void> record;
        try {
            record = statements.submit(() -> {
                release(event, routed);
                return null;
            });
        } catch (RejectedExecutionException e) {
            throw new RuntimeCamelException("Could not " + what + " webhook in " + tableName + ": the memory is stopped");
        }
        try {
            await(record, what);
        } catch (TimeoutException e) {
            throw new RuntimeCamelException("Could not " + what + " webhook in " + tableName + " within " + timeout
                                            + " ms: it is recorded when the database answers");
        }
    }

    /** The task's result within the timeout; its failure is thrown as it is. */
    private <T> T await(Future<T> task, String what) throws TimeoutException {
        try {
            return task.get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeCamelException("Interrupted while waiting to " + what + " webhook", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new RuntimeCamelException(e.getCause());
        }
    }

    /** The result of a task that is about to end (it has decided already). */
    private <T> T awaitDone(Future<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeCamelException("Interrupted while waiting to " + what + " webhook", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new RuntimeCamelException(e.getCause());
        }
    }

    private Claim claimNow(SmsWebhookEvent event) {
        String key = storedKey(event.duplicateKey());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Claim claim = claimCallback(connection, key);
            if (claim != Claim.ROUTE || event.messageKey() == null) {
                return claim;
            }
            String message = storedKey(event.messageKey() + MESSAGE_SUFFIX);
            insert(connection, message, "open");
            // the final-status rule in one statement: a non-final report takes the message only while no final
            // report was routed; any report takes it only while no other report of it is being routed
            String claimMessage = "UPDATE " + tableName + " SET state = 'routing', claimed_at = " + DATABASE_NOW
                                  + " WHERE webhook_key = ? AND (state = 'open' OR " + abandoned() + ")"
                                  + (event.finalStatus() ? "" : " AND is_final = FALSE");
            if (update(connection, claimMessage, message, claimTimeout) == 1) {
                return Claim.ROUTE;
            }
            update(connection, "DELETE FROM " + tableName + " WHERE webhook_key = ? AND state = 'routing'", key);
            return !event.finalStatus() && isFinal(connection, message) ? Claim.LATE : Claim.IN_FLIGHT;
        } catch (SQLException e) {
            throw failure("claim", e);
        }
    }

    private Claim claimCallback(Connection connection, String key) throws SQLException {
        if (insert(connection, key, "routing")) {
            return Claim.ROUTE;
        }
        try (PreparedStatement select = prepare(connection,
                "SELECT state FROM " + tableName + " WHERE webhook_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Claim.IN_FLIGHT; // released by a failed route just now: the provider's retry claims it
                }
                if ("routed".equals(row.getString(1))) {
                    return Claim.DUPLICATE;
                }
            }
        }
        // a claim older than claimTimeout (its instance died while routing) is taken over, by one instance only
        return update(connection, "UPDATE " + tableName + " SET claimed_at = " + DATABASE_NOW + " WHERE webhook_key = ?"
                                  + " AND state = 'routing' AND " + abandoned(), key, claimTimeout) == 1
                ? Claim.ROUTE : Claim.IN_FLIGHT;
    }

    /** The condition of a claim older than claimTimeout (its parameter) by the database's clock. */
    private static String abandoned() {
        return "claimed_at < " + DATABASE_NOW + " - CAST(? AS BIGINT)";
    }

    private void release(SmsWebhookEvent event, boolean routed) {
        String key = storedKey(event.duplicateKey());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (routed) {
                    update(connection, "UPDATE " + tableName + " SET state = 'routed' WHERE webhook_key = ?", key);
                } else {
                    update(connection, "DELETE FROM " + tableName + " WHERE webhook_key = ? AND state = 'routing'", key);
                }
                if (event.messageKey() != null) {
                    String message = storedKey(event.messageKey() + MESSAGE_SUFFIX);
                    update(connection, "UPDATE " + tableName + " SET state = 'open'"
                                       + (routed && event.finalStatus() ? ", is_final = TRUE" : "")
                                       + " WHERE webhook_key = ?", message);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(routed ? "record a routed" : "release a failed", e);
        }
    }

    /** Inserts a row; false when one with that key exists already. */
    private boolean insert(Connection connection, String key, String state) throws SQLException {
        try (PreparedStatement insert = prepare(connection, "INSERT INTO " + tableName
                                                            + " (webhook_key, state, is_final, claimed_at) VALUES (?, ?,"
                                                            + " FALSE, " + DATABASE_NOW + ")")) {
            insert.setString(1, key);
            insert.setString(2, state);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint violation: the key is there
            }
            throw e;
        }
    }

    private boolean isFinal(Connection connection, String message) throws SQLException {
        try (PreparedStatement select = prepare(connection,
                "SELECT is_final FROM " + tableName + " WHERE webhook_key = ?")) {
            select.setString(1, message);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(queryTimeoutSeconds());
        return statement;
    }

    private int queryTimeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (timeout + 999) / 1000));
    }

    private RuntimeCamelException failure(String what, SQLException e) {
        return new RuntimeCamelException("Could not " + what + " webhook in " + tableName + ": " + e.getMessage(), e);
    }

    static String storedKey(String key) {
        if (key.length() <= MAX_PLAIN_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /** The table's name (default CAMEL_SMS_WEBHOOK). */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    /** Whether to create the table at start when it does not exist (default true). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public long getClaimTimeout() {
        return claimTimeout;
    }

    /**
     * Milliseconds after which a claim counts as abandoned (its instance died while routing) and may be taken over;
     * longer than any route takes (default 120000).
     */
    public void setClaimTimeout(long claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public long getTimeout() {
        return timeout;
    }

    /**
     * Milliseconds a webhook waits for the database at most (default 2000): a claim not decided by then is answered
     * 503 with Retry-After, a record not made by then 500. Also every statement's JDBC query timeout (in whole
     * seconds, rounded up).
     */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * How many webhooks may wait for the database at once (default 4): the memory's threads and connections. A claim
     * beyond it is answered 503 with Retry-After at once, so that claims on a slow database hold at most this many of
     * the HTTP server's worker threads.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }
}
