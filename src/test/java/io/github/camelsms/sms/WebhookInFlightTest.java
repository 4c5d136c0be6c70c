package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duplicate webhook that arrives while its first copy is still being routed is never answered 2xx and dropped: it
 * waits for the first copy's outcome (dropped once the first succeeded, routed when the first failed), and asks the
 * provider to retry (503 with Retry-After) when the first copy is still undecided after a bounded wait.
 */
class WebhookInFlightTest extends WebhookTestSupport {

    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final String PATH = "/sms/twilio/inflight";

    private final ExecutorService callers = Executors.newCachedThreadPool();
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
            }
        };
    }

    @AfterEach
    void stopCallers() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void aDuplicateOfAFailingFirstCopyIsRoutedInsteadOfDropped() throws Exception {
        copiesToBlock.set(1);
        failBlocked.set(true);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        List<CompletableFuture<HttpResponse<String>>> copies = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "delivered"));
        CompletableFuture<HttpResponse<String>> first = copies.get(0);
        CompletableFuture<HttpResponse<String>> duplicate = copies.get(1);

        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(duplicate.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SID);
        // and now it counts as seen
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    @Test
    void aDuplicateOfASucceedingFirstCopyIsAnswered200AndNotRoutedAgain() throws Exception {
        copiesToBlock.set(1);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        List<CompletableFuture<HttpResponse<String>>> copies = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "delivered"));
        CompletableFuture<HttpResponse<String>> first = copies.get(0);
        CompletableFuture<HttpResponse<String>> duplicate = copies.get(1);

        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(duplicate.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    @Test
    void aDuplicateWhoseFirstCopyStaysUndecidedGets503WithRetryAfterAndTheRetryIsRouted() throws Exception {
        copiesToBlock.set(1);
        failBlocked.set(true);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        CompletableFuture<HttpResponse<String>> first = postAsync(status(SID, "delivered"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> duplicate = postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN);

        assertThat(duplicate.statusCode()).isEqualTo(503);
        assertThat(duplicate.headers().firstValue("Retry-After")).hasValue(SmsConsumer.RETRY_AFTER_SECONDS);
        assertThat(first).isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(mock.getExchanges()).isEmpty();

        HttpResponse<String> retry = postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    @Test
    void aNonFinalReportWaitsForTheFinalOneInFlightAndIsDroppedWhenItSucceeds() throws Exception {
        copiesToBlock.set(1);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        List<CompletableFuture<HttpResponse<String>>> copies = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "sent"));
        CompletableFuture<HttpResponse<String>> delivered = copies.get(0);
        CompletableFuture<HttpResponse<String>> sent = copies.get(1);

        assertThat(delivered.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(sent.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(statuses(mock)).containsExactly("DELIVERED");
    }

    @Test
    void aNonFinalReportIsRoutedWhenTheFinalOneInFlightFailsAndNeverAfterTheFinalOne() throws Exception {
        copiesToBlock.set(1);
        failBlocked.set(true);
        MockEndpoint mock = getMockEndpoint("mock:routed");

        List<CompletableFuture<HttpResponse<String>>> copies = whileTheFirstIsBlocked(status(SID, "delivered"),
                status(SID, "sent"));
        CompletableFuture<HttpResponse<String>> delivered = copies.get(0);
        CompletableFuture<HttpResponse<String>> sent = copies.get(1);

        assertThat(delivered.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(sent.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // the provider retries the final report; a late copy of the non-final one is dropped after it
        assertThat(postSigned(local(PATH), status(SID, "delivered"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(postSigned(local(PATH), status(SID, "queued"), AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(statuses(mock)).containsExactly("SENT", "DELIVERED");
    }

    /**
     * Posts the first callback, which blocks in the route, then the second one; checks that the second is not answered
     * while the first is undecided, and lets the first go on.
     */
    private List<CompletableFuture<HttpResponse<String>>> whileTheFirstIsBlocked(Map<String, String> firstForm,
            Map<String, String> secondForm) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> first = postAsync(firstForm);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> second = postAsync(secondForm);
        Thread.sleep(300);
        assertThat(second).as("the second copy waits for the first copy's outcome").isNotDone();
        release.countDown();
        return List.of(first, second);
    }

    private CompletableFuture<HttpResponse<String>> postAsync(Map<String, String> form) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return postSigned(local(PATH), form, AUTH_TOKEN);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, callers);
    }

    private static Map<String, String> status(String sid, String status) {
        return params("MessageSid", sid, "MessageStatus", status, "AccountSid", ACCOUNT_SID, "To", "+4522334488");
    }

    private static List<Object> statuses(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> e.getMessage().getHeader(SmsConstants.STATUS)).toList();
    }
}
