package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of distinct callbacks (not copies of one) while the route is slow: the consumer routes at most
 * maxConcurrentWebhooks at once and answers the rest 503 with Retry-After at once, so they cannot take every thread of
 * the HTTP server; the provider's retries are routed once the route is free again.
 */
class WebhookFloodTest extends WebhookTestSupport {

    private static final String BOUNDED = "/sms/twilio/flood";
    private static final String BY_DEFAULT = "/sms/twilio/flood-default";
    /** A generous bound on an answer that needs no waiting, far below the blocked routes' wait. */
    private static final Duration ANSWERED_AT_ONCE = Duration.ofSeconds(5);

    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:twilio/deliveryReports?path=" + BOUNDED + "&maxConcurrentWebhooks=3&authToken=RAW("
                     + AUTH_TOKEN + ")")
                        .process(e -> block())
                        .to("mock:routed");
                from("sms:twilio/deliveryReports?path=" + BY_DEFAULT + "&authToken=RAW(" + AUTH_TOKEN + ")")
                        .process(e -> block())
                        .to("mock:routed");
                from("platform-http:/ping").setBody(constant("pong"));
            }
        };
    }

    private void block() throws InterruptedException {
        entered.release();
        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void releaseTheRoutes() {
        release.countDown();
    }

    @Test
    void distinctCallbacksBeyondTheBoundAreAnswered503AtOnceAndTheirRetriesRouted() throws Exception {
        floodAndRecover(BOUNDED, 3);
    }

    @Test
    void theBoundHoldsByDefault() throws Exception {
        floodAndRecover(BY_DEFAULT, SmsConfiguration.DEFAULT_MAX_CONCURRENT_WEBHOOKS);
    }

    private void floodAndRecover(String path, int bound) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:routed");
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < bound; i++) {
            held.add(postSignedAsync(local(path), report(i), AUTH_TOKEN, Duration.ofSeconds(40)));
        }
        assertThat(entered.tryAcquire(bound, 20, TimeUnit.SECONDS)).as("the first %d callbacks are being routed", bound)
                .isTrue();

        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = bound; i < bound + 40; i++) {
            flood.add(postSignedAsync(local(path), report(i), AUTH_TOKEN, ANSWERED_AT_ONCE));
        }
        for (CompletableFuture<HttpResponse<String>> answer : flood) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue(SmsConsumer.RETRY_AFTER_SECONDS);
        }
        HttpResponse<String> ping = get(local("/ping"), Map.of(), ANSWERED_AT_ONCE);
        assertThat(ping.body()).isEqualTo("pong");
        assertThat(held).allSatisfy(f -> assertThat(f).isNotDone());
        assertThat(mock.getExchanges()).isEmpty();

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> answer : held) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // the provider retries each refused callback: every one is routed, once
        for (int i = bound; i < bound + 40; i++) {
            assertThat(postSigned(local(path), report(i), AUTH_TOKEN).statusCode()).isEqualTo(200);
        }
        assertThat(mock.getExchanges()).hasSize(bound + 40);
    }

    private static Map<String, String> report(int i) {
        return params("MessageSid", String.format("SM%032x", i), "MessageStatus", "delivered", "AccountSid", ACCOUNT_SID,
                "To", "+4522334488");
    }
}
