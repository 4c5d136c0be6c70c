package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duplicate webhook that arrives while its first copy is still being routed is never answered 2xx and dropped: the
 * provider is asked at once to retry it (503 with Retry-After), without holding one of the HTTP server's threads, and
 * its retry gets the first copy's outcome (dropped once the first succeeded, routed when the first failed).
 */
class WebhookInFlightTest extends WebhookTestSupport {

    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final String PATH = "/sms/twilio/inflight";

    /**
     * A generous bound on an answer that needs no waiting (a few milliseconds here), far below what copies that each
     * held a worker thread for their wait would take.
     */
    private static final Duration ANSWERED_AT_ONCE = Duration.ofSeconds(5);

    private final AtomicInteger copiesToBlock = new AtomicInteger();
    private final AtomicBoolean failBlocked = new AtomicBoolean();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:twilio/deliveryReports?path=" + PATH + "&authToken=RAW(" + AUTH_TOKEN + ")")
                        .process(e -> {
                            if (copiesToBlock.getAndDecrement() > 0) {
                                entered.countDown();
                                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                                if (failBlocked.get()) {
                                    throw new IllegalStateException("route failure (injected)");
                                }
                            }
                        })
                        .to("mock:routed");
                // an unrelated route on the same HTTP server
                from("platform-http:/ping").setBody(constant("pong"));
            }
        };
    }

    @AfterEach
    void releaseTheRoutes() {
        release.countDown();
    }

    @Test
    void aCopyOfAFailingFirstCopyIsAskedToRetryAndItsRetryIsRouted() throws Exception {
        copiesToBlock.set(1);
        failBlocked.set(true);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        CompletableFuture<HttpResponse<String>> first = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "delivered"));

        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(mock.getExchanges()).isEmpty();
        // the provider's retry is routed, and from then on it counts as seen
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SID);
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    @Test
    void aCopyOfASucceedingFirstCopyIsAskedToRetryAndItsRetryIsAnswered200WithoutRouting() throws Exception {
        copiesToBlock.set(1);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        CompletableFuture<HttpResponse<String>> first = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "delivered"));

        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    @Test
    void aNonFinalReportIsAskedToRetryWhileTheFinalOneIsInFlightAndDroppedWhenItSucceeded() throws Exception {
        copiesToBlock.set(1);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        CompletableFuture<HttpResponse<String>> delivered = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "sent"));

        assertThat(delivered.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(postSigned(local(PATH), status(SID, "sent"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(statuses(mock)).containsExactly("DELIVERED");
    }

    @Test
    void aNonFinalReportIsRoutedWhenTheFinalOneInFlightFailsAndNeverAfterTheFinalOne() throws Exception {
        copiesToBlock.set(1);
        failBlocked.set(true);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        CompletableFuture<HttpResponse<String>> delivered = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "sent"));

        assertThat(delivered.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(postSigned(local(PATH), status(SID, "sent"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        // the provider retries the final report; a late copy of the non-final one is dropped after it
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(postSigned(local(PATH), status(SID, "queued"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(statuses(mock)).containsExactly("SENT", "DELIVERED");
    }

    @Test
    void aFloodOfCopiesInFlightIsAnswered503AtOnceWhileOtherRoutesOnTheServerKeepAnswering() throws Exception {
        copiesToBlock.set(1);
        MockEndpoint mock = getMockEndpoint("mock:routed");
        CompletableFuture<HttpResponse<String>> first = postAsync(status(SID, "delivered"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // far more copies than the server has worker threads; a copy that waited for the first one's outcome would
        // hold a worker thread, and the ping below would queue behind them
        List<CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            copies.add(postSignedAsync(local(PATH), status(SID, "delivered"), AUTH_TOKEN, ANSWERED_AT_ONCE));
        }
        HttpResponse<String> ping = get(local("/ping"), Map.of(), ANSWERED_AT_ONCE);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("pong");
        for (CompletableFuture<HttpResponse<String>> copy : copies) {
            HttpResponse<String> answer = copy.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue(SmsConsumer.RETRY_AFTER_SECONDS);
        }
        assertThat(first).as("the first copy is still being routed").isNotDone();
        assertThat(mock.getExchanges()).isEmpty();

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // the provider retries every copy: each is answered 200 and none is routed again
        for (int i = 0; i < copies.size(); i++) {
            assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        }
        assertThat(mock.getExchanges()).hasSize(1);
    }

    /**
     * Posts the first callback, which blocks in the route, then the second one, which must be answered 503 with
     * Retry-After at once (while the first is undecided, only its outcome tells whether the second is needed), and
     * lets the first go on.
     */
    private CompletableFuture<HttpResponse<String>> whileTheFirstIsBlocked(Map<String, String> firstForm,
            Map<String, String> secondForm) throws Exception {
        CompletableFuture<HttpResponse<String>> first = postAsync(firstForm);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = postSigned(local(PATH), secondForm, AUTH_TOKEN);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue(SmsConsumer.RETRY_AFTER_SECONDS);
        assertThat(first).as("the first copy is still being routed").isNotDone();
        release.countDown();
        return first;
    }

    private CompletableFuture<HttpResponse<String>> postAsync(Map<String, String> form) {
        return postSignedAsync(local(PATH), form, AUTH_TOKEN, Duration.ofSeconds(10));
    }

    private static Map<String, String> status(String sid, String status) {
        return params("MessageSid", sid, "MessageStatus", status, "AccountSid", ACCOUNT_SID, "To", "+4522334488");
    }

    private static List<Object> statuses(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> e.getMessage().getHeader(SmsConstants.STATUS)).toList();
    }
}
