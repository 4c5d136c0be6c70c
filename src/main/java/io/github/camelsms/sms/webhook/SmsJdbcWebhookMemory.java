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

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;

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
 *     claimed_at  BIGINT       NOT NULL              -- epoch milliseconds of the last claim
 * )
 * </pre>
 *
 * A callback's row is inserted ({@code routing}) when an instance claims it, becomes {@code routed} when its route
 * succeeded and is deleted when the route failed; a message's row is {@code routing} while one of its reports is
 * routed. A claim older than {@code claimTimeout} (an instance that died while routing) may be taken over. Keys longer
 * than 200 characters are stored as their SHA-256. Rows are never deleted by the memory: delete old ones yourself
 * (for example those with {@code claimed_at} older than the providers' retry window, a few days).
 */
public class SmsJdbcWebhookMemory extends ServiceSupport implements SmsWebhookMemory {

    public static final String DEFAULT_TABLE = "CAMEL_SMS_WEBHOOK";
    private static final int MAX_PLAIN_KEY = 200;
    private static final String MESSAGE_SUFFIX = "|message";

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE;
    private boolean createTable = true;
    private long claimTimeout = 120_000;

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
        if (createTable) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + tableName + " (webhook_key VARCHAR(255) NOT NULL"
                                  + " PRIMARY KEY, state VARCHAR(8) NOT NULL, is_final BOOLEAN NOT NULL,"
                                  + " claimed_at BIGINT NOT NULL)");
            }
        }
    }

    @Override
    public Claim claim(SmsWebhookEvent event) {
        String key = storedKey(event.duplicateKey());
        long now = System.currentTimeMillis();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Claim claim = claimCallback(connection, key, now);
            if (claim != Claim.ROUTE || event.messageKey() == null) {
                return claim;
            }
            String message = storedKey(event.messageKey() + MESSAGE_SUFFIX);
            insert(connection, message, "open", now);
            // the final-status rule in one statement: a non-final report takes the message only while no final
            // report was routed; any report takes it only while no other report of it is being routed
            String claimMessage = "UPDATE " + tableName + " SET state = 'routing', claimed_at = ? WHERE webhook_key = ?"
                                  + " AND (state = 'open' OR claimed_at < ?)"
                                  + (event.finalStatus() ? "" : " AND is_final = FALSE");
            if (update(connection, claimMessage, now, message, now - claimTimeout) == 1) {
                return Claim.ROUTE;
            }
            update(connection, "DELETE FROM " + tableName + " WHERE webhook_key = ? AND state = 'routing'", key);
            return !event.finalStatus() && isFinal(connection, message) ? Claim.LATE : Claim.IN_FLIGHT;
        } catch (SQLException e) {
            throw failure("claim", e);
        }
    }

    private Claim claimCallback(Connection connection, String key, long now) throws SQLException {
        if (insert(connection, key, "routing", now)) {
            return Claim.ROUTE;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, claimed_at FROM " + tableName + " WHERE webhook_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Claim.IN_FLIGHT; // released by a failed route just now: claim again
                }
                if ("routed".equals(row.getString(1))) {
                    return Claim.DUPLICATE;
                }
                long claimedAt = row.getLong(2);
                if (claimedAt >= now - claimTimeout) {
                    return Claim.IN_FLIGHT;
                }
                // the instance that claimed it died while routing: take it over, unless another instance just did
                return update(connection, "UPDATE " + tableName + " SET claimed_at = ? WHERE webhook_key = ?"
                                          + " AND state = 'routing' AND claimed_at = ?", now, key, claimedAt) == 1
                        ? Claim.ROUTE : Claim.IN_FLIGHT;
            }
        }
    }

    @Override
    public void routed(SmsWebhookEvent event) {
        release(event, true);
    }

    @Override
    public void failed(SmsWebhookEvent event) {
        release(event, false);
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
    private boolean insert(Connection connection, String key, String state, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + tableName + " (webhook_key, state, is_final, claimed_at) VALUES (?, ?, FALSE, ?)")) {
            insert.setString(1, key);
            insert.setString(2, state);
            insert.setLong(3, now);
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
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT is_final FROM " + tableName + " WHERE webhook_key = ?")) {
            select.setString(1, message);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
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
}
