package io.github.camelsms.sms.webhook;

import java.nio.file.Path;
import java.util.Map;

import io.github.camelsms.sms.webhook.SmsWebhookMemory.Claim;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    private void start(long claimTimeout) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("memory"));
        a = new SmsJdbcWebhookMemory(dataSource);
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
}
