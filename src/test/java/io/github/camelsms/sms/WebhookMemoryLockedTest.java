package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelsms.sms.webhook.SmsJdbcWebhookMemory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC webhook memory's table is locked by another session (an instance stuck inside a transaction) while 30
 * webhooks arrive: each is answered 503 or 500 within the memory's documented bound instead of hanging, an unrelated
 * platform-http route on the same server answers while they are blocked, and once the lock is gone the provider's
 * retries are each routed once.
 */
class WebhookMemoryLockedTest extends WebhookTestSupport {

    private static final String PATH = "/sms/twilio/locked";
    private static final int WEBHOOKS = 30;
    /** What the memory documents: a webhook waits for the database at most its timeout, plus rounding. */
    private static final Duration BOUND = Duration.ofMillis(SmsJdbcWebhookMemory.DEFAULT_TIMEOUT + 1000);
    /** Slack for a busy machine on top of the bound (the answers come after milliseconds or after the bound). */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private JdbcDataSource dataSource;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        dataSource = new JdbcDataSource();
        // lock waits as long as a PostgreSQL's (unbounded by default): only the memory's own bound ends them
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("locked-" + System.nanoTime()) + ";LOCK_TIMEOUT=30000");
        context.getRegistry().bind("webhookMemory", new SmsJdbcWebhookMemory(dataSource));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:twilio/deliveryReports?path=" + PATH + "&authToken=RAW(" + AUTH_TOKEN + ")"
                     + "&webhookMemory=#webhookMemory")
                        .to("mock:routed");
                from("platform-http:/ping").setBody(constant("pong"));
            }
        };
    }

    @Test
    void webhooksAreAnsweredWithinTheBoundAndOtherRoutesKeepAnsweringWhileTheTableIsLocked() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:routed");
        // half of the messages had a report routed already: their message rows exist
        for (int m = 0; m < WEBHOOKS / 2; m++) {
            assertThat(postSigned(local(PATH), status(sid(m), "sent"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        }
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            // another session holds every row and the keys of the other half's final reports, uncommitted
            try (Statement statement = lock.createStatement()) {
                statement.executeUpdate("UPDATE CAMEL_SMS_WEBHOOK SET state = state");
            }
            try (PreparedStatement insert = lock.prepareStatement(
                    "INSERT INTO CAMEL_SMS_WEBHOOK (webhook_key, state, is_final, claimed_at) VALUES (?, 'routing', FALSE, 0)")) {
                for (int m = WEBHOOKS / 2; m < WEBHOOKS; m++) {
                    insert.setString(1, "twilio|" + sid(m) + "|delivered");
                    insert.executeUpdate();
                }
            }

            List<CompletableFuture<HttpResponse<String>>> webhooks = new ArrayList<>();
            for (int m = 0; m < WEBHOOKS; m++) {
                webhooks.add(postSignedAsync(local(PATH), status(sid(m), "delivered"), AUTH_TOKEN, BOUND.plus(SLACK)));
            }
            Thread.sleep(300);
            HttpResponse<String> ping = get(local("/ping"), Map.of(), SLACK);
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(webhooks).as("webhooks still blocked on the database while the ping was answered")
                    .anyMatch(webhook -> !webhook.isDone());

            for (CompletableFuture<HttpResponse<String>> webhook : webhooks) {
                assertThat(webhook.get(30, TimeUnit.SECONDS).statusCode()).isIn(500, 503);
            }
            assertThat(mock.getExchanges()).hasSize(WEBHOOKS / 2);
            lock.rollback();
        }

        // the provider retries each final report until it is answered 200: each is routed once
        for (int m = 0; m < WEBHOOKS; m++) {
            assertThat(deliver(status(sid(m), "delivered"))).isEqualTo(200);
        }
        assertThat(mock.getExchanges()).hasSize(WEBHOOKS / 2 + WEBHOOKS);
        assertThat(mock.getExchanges().stream().map(e -> e.getMessage().getHeader(SmsConstants.MESSAGE_ID) + "|"
                                                         + e.getMessage().getHeader(SmsConstants.STATUS)))
                .doesNotHaveDuplicates();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM CAMEL_SMS_WEBHOOK WHERE state = 'routing'")) {
            row.next();
            assertThat(row.getInt(1)).as("claims left behind").isZero();
        }
    }

    /** Posts the callback again after a pause until it is answered 200, as a provider retries (bounded). */
    private int deliver(Map<String, String> form) throws Exception {
        int answer = 0;
        for (int attempt = 0; attempt < 100 && answer != 200; attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            answer = postSigned(local(PATH), form, AUTH_TOKEN).statusCode();
            assertThat(answer).isIn(200, 500, 503);
        }
        return answer;
    }

    private static Map<String, String> status(String sid, String status) {
        return params("MessageSid", sid, "MessageStatus", status, "AccountSid", ACCOUNT_SID, "To", "+4522334488");
    }
}
