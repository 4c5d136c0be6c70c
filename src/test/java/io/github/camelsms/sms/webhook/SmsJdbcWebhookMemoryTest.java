package io.github.camelsms.sms.webhook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.camelsms.sms.webhook.SmsWebhookMemory.Claim;
import org.apache.camel.RuntimeCamelException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.camelsms.sms.spi.SmsWebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims of SmsJdbcWebhookMemory as two instances (two memories on one H2 database) see them: a retry, a late
 * report, a failed route, an instance that died while routing, and keys too long for the column.
 */
class SmsJdbcWebhookMemoryTest {

    @TempDir
    Path dir;

    private SmsJdbcWebhookMemory a;
    private SmsJdbcWebhookMemory b;

    private DataSource dataSource;

    @AfterEach
    void stop() {
        if (a != null) {
            a.stop();
            b.stop();
        }
    }

    /** The database both instances share: a fresh H2 file database. */
    protected DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        // lock waits as long as PostgreSQL's (unbounded by default): only the memory's own bound ends them
        h2.setURL("jdbc:h2:file:" + dir.resolve("memory") + ";LOCK_TIMEOUT=30000");
        return h2;
    }

    private void start(long claimTimeout) {
        start(claimTimeout, 0);
    }

    /** Starts the two instances, a with a clock that is skewMillis ahead of b's. */
    private void start(long claimTimeout, long skewMillis) {
        dataSource = database();
        a = new SmsJdbcWebhookMemory(skewMillis == 0 ? dataSource : withClockSkewedBy(dataSource, skewMillis));
        b = new SmsJdbcWebhookMemory(dataSource);
        a.setClaimTimeout(claimTimeout);
        b.setClaimTimeout(claimTimeout);
        a.start();
        b.start();
    }

    private static SmsWebhookEvent report(String status, boolean isFinal) {
        return new SmsWebhookEvent(null, Map.of(), "twilio|SM1|" + status, "twilio|SM1", isFinal);
    }

    @Test
    void aRetryAtTheOtherInstanceIsInFlightThenDuplicate() {
        start(60_000);
        assertThat(a.claim(report("sent", false))).isEqualTo(Claim.ROUTE);
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.IN_FLIGHT);
        a.routed(report("sent", false));
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void aFailedRouteLeavesTheCallbackUnseen() {
        start(60_000);
        assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        a.failed(report("delivered", true));
        assertThat(b.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        b.routed(report("delivered", true));
        assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void aNonFinalReportWaitsWhileTheFinalOneIsRoutedAndIsLateAfterIt() {
        start(60_000);
        assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.IN_FLIGHT);
        a.routed(report("delivered", true));
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.LATE);
        // another final report of the same message is still routed (as on one instance)
        assertThat(b.claim(report("undelivered", true))).isEqualTo(Claim.ROUTE);
    }

    @Test
    void aClaimOfAnInstanceThatDiedIsTakenOverAfterTheClaimTimeout() throws Exception {
        start(2000);
        assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        // instance a dies here, without routed or failed
        assertThat(b.claim(report("delivered", true))).isEqualTo(Claim.IN_FLIGHT);
        Thread.sleep(2500);
        assertThat(b.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        b.routed(report("delivered", true));
        assertThat(a.claim(report("sent", false))).isEqualTo(Claim.LATE);
    }

    @Test
    void aClaimOfAnInstanceWhoseClockIsBehindIsNeitherTakenOverNorRoutedAround() {
        // a's clock is ten minutes behind b's, far more than the claim timeout
        start(60_000, -TimeUnit.MINUTES.toMillis(10));
        assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.ROUTE);
        // a is routing it right now: b must neither route the same callback nor a non-final report beside it
        assertThat(b.claim(report("delivered", true))).isEqualTo(Claim.IN_FLIGHT);
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.IN_FLIGHT);
        a.routed(report("delivered", true));
        assertThat(b.claim(report("delivered", true))).isEqualTo(Claim.DUPLICATE);
        assertThat(b.claim(report("sent", false))).isEqualTo(Claim.LATE);
    }

    @Test
    void aClaimOfALockedKeyIsAnsweredWithinTheTimeoutAndGivenBackWhenTheDatabaseGrantsIt() throws Exception {
        start(60_000);
        a.stop();
        a = new SmsJdbcWebhookMemory(dataSource);
        a.setTimeout(1000);
        a.start();
        try (Connection lock = dataSource.getConnection()) {
            // another session inserted the callback's key and has not committed
            lock.setAutoCommit(false);
            try (PreparedStatement insert = lock.prepareStatement("INSERT INTO " + SmsJdbcWebhookMemory.DEFAULT_TABLE
                                                                  + " VALUES (?, 'routing', FALSE, 0)")) {
                insert.setString(1, report("delivered", true).duplicateKey());
                insert.executeUpdate();
            }
            long started = System.nanoTime();
            try {
                assertThat(a.claim(report("delivered", true))).isEqualTo(Claim.BUSY);
            } catch (RuntimeCamelException e) {
                assertThat(e).hasMessageContaining("Could not claim webhook"); // the database ended it first (500)
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within timeout + 1 s, with slack")
                    .isLessThan(Duration.ofMillis(1000 + 1000 + 5000));
            lock.rollback();
        }
        // had the database granted the claim after the answer, it was given back: the provider's retry is routed
        Claim retry = Claim.BUSY;
        for (int attempt = 0; attempt < 100 && retry != Claim.ROUTE; attempt++) {
            Thread.sleep(100);
            retry = b.claim(report("delivered", true));
            assertThat(retry).isIn(Claim.ROUTE, Claim.IN_FLIGHT);
        }
        assertThat(retry).isEqualTo(Claim.ROUTE);
    }

    @Test
    void aClaimBeyondMaxConnectionsIsBusyAtOnce() throws Exception {
        start(60_000);
        a.stop();
        a = new SmsJdbcWebhookMemory(dataSource);
        a.setMaxConnections(1);
        a.setTimeout(20_000);
        a.start();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement insert = lock.prepareStatement("INSERT INTO " + SmsJdbcWebhookMemory.DEFAULT_TABLE
                                                                  + " VALUES (?, 'routing', FALSE, 0)")) {
                insert.setString(1, report("delivered", true).duplicateKey());
                insert.executeUpdate();
            }
            // the one connection waits for the lock (a webhook's thread waits with it)...
            CompletableFuture<Claim> waiting = CompletableFuture.supplyAsync(() -> a.claim(report("delivered", true)));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();
            // ...so another webhook's claim is not admitted: it is answered at once, without touching the database
            assertThat(a.claim(report("sent", false))).isEqualTo(Claim.BUSY);
            lock.rollback();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(Claim.ROUTE);
        }
    }

    @Test
    void keysLongerThanTheColumnAreStoredAsTheirHash() {
        start(60_000);
        String longKey = "cpsms|4522334488|1|" + "reference=x&".repeat(100);
        SmsWebhookEvent event = new SmsWebhookEvent(null, Map.of(), longKey, null, false);
        assertThat(a.claim(event)).isEqualTo(Claim.ROUTE);
        a.routed(event);
        assertThat(b.claim(event)).isEqualTo(Claim.DUPLICATE);
        assertThat(SmsJdbcWebhookMemory.storedKey(longKey)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(b.claim(new SmsWebhookEvent(null, Map.of(), longKey + "y", null, false))).isEqualTo(Claim.ROUTE);
    }

    /**
     * The database as an instance whose clock is skewed sees it: every time the instance tells the database (a
     * statement parameter that is an epoch-millisecond time of today) is shifted by the skew.
     */
    private static DataSource withClockSkewedBy(DataSource dataSource, long skewMillis) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection, (c, m, a) -> {
                    Object made = m.invoke(c, a);
                    if (made instanceof PreparedStatement statement) {
                        return proxy(PreparedStatement.class, statement, (st, sm, sa) -> {
                            if (sa != null && sa.length == 2 && sa[1] instanceof Long time
                                && Math.abs(time - System.currentTimeMillis()) < TimeUnit.DAYS.toMillis(1)) {
                                sa = new Object[] {sa[0], time + skewMillis};
                            }
                            return sm.invoke(st, sa);
                        });
                    }
                    return made;
                });
            }
            return result;
        });
    }

    interface Forward {
        Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Forward forward) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return forward.call(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
