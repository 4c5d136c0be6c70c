package io.github.camelsms.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-blocking producer (issue 13 item 1) and the fan-out without a shared pool (issue 10 items 6 and 8), against
 * a loopback server that answers slowly, badly or not at all.
 */
@Timeout(60)
class AsyncTransportTest extends CamelTestSupport {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "async-T0ken-never-shown";

    private final LoopbackHttpServer server = new LoopbackHttpServer();

    @AfterEach
    void closeServer() {
        server.close();
    }

    static String to(LoopbackHttpServer.Request request) {
        for (String pair : request.body().split("&")) {
            if (pair.startsWith("To=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String message(String to, int n) {
        return "{\"sid\":\"SM" + String.format("%032d", n) + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to
               + "\",\"from\":\"+4570200000\",\"status\":\"queued\",\"direction\":\"outbound-api\"}";
    }

    private static final AtomicInteger SIDS = new AtomicInteger();

    static Answer created(LoopbackHttpServer.Request request) {
        return Answer.json(201, message(to(request), SIDS.incrementAndGet()));
    }

    String laml(String... options) {
        StringBuilder uri = new StringBuilder("sms:mycpaas/send?baseUrl=").append(server.baseUrl())
                .append("&accountSid=").append(SID).append("&authToken=RAW(").append(TOKEN)
                .append(")&from=RAW(+4570200000)");
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    static List<String> numbers(int first, int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add("+45" + (20000000 + first + i));
        }
        return numbers;
    }

    /** The component's threads: the HTTP client's I/O threads and the retry timer. */
    private static long componentThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(SmsHttpClients.THREAD_PREFIX) || t.getName().contains("SmsRetry"))
                .count();
    }

    // issue 13 item 1: no thread held while requests are in flight or retries wait

    @Test
    void twoHundredSendsInFlightAtOnceHoldNoThreadOfTheCaller() throws Exception {
        context.getComponent("sms", SmsComponent.class).setConnectionsPerRoute(200);
        server.answering(r -> created(r).after(1000));
        AsyncProducer producer = context.getEndpoint(laml()).createAsyncProducer();
        producer.start();
        int sends = 200;
        CountDownLatch done = new CountDownLatch(sends);
        List<Exchange> exchanges = new ArrayList<>();
        AtomicInteger completedSynchronously = new AtomicInteger();
        for (int i = 0; i < sends; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("Hi " + i);
            exchange.getMessage().setHeader(SmsConstants.TO, numbers(i, 1).get(0));
            exchanges.add(exchange);
            // one test thread starts all 200: a producer that held its thread for the answer could not
            boolean sync = producer.process(exchange, doneSync -> done.countDown());
            completedSynchronously.addAndGet(sync ? 1 : 0);
        }
        assertThat(completedSynchronously).as("process() returned before the answer, every time").hasValue(0);
        long threadsWhileInFlight = componentThreads();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
        });
        assertThat(server.requests()).hasSize(sends);
        assertThat(server.maxInFlight()).as("all requests were at the server at once").isGreaterThan(100);
        assertThat(threadsWhileInFlight).as("component threads with 200 requests in flight")
                .isBetween(1L, (long) Runtime.getRuntime().availableProcessors() + 2);
        producer.stop();
    }

    @Test
    void aRetryWaitHoldsNoThread() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.answering(r -> calls.incrementAndGet() <= 20
                ? new Answer(503, "application/json", "{\"message\":\"busy\"}", 0, false)
                : Answer.json(200, "{\"credit\":\"1.000,00\"}"));
        // 503 answers to a read are retryable; the waits are retryDelay=800 ms
        String uri = "sms:cpsms/credit?baseUrl=" + server.baseUrl() + "&username=u&apiKey=RAW(k3y-Async)"
                     + "&retryAttempts=1&retryDelay=800&maxRetryDelay=800";
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        CountDownLatch done = new CountDownLatch(20);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchanges.add(exchange);
            assertThat(producer.process(exchange, doneSync -> done.countDown())).isFalse();
        }
        // all 20 first attempts are answered 503 and now wait for their retry, with no thread each
        while (server.answered() < 20) {
            Thread.sleep(10);
        }
        assertThat(componentThreads()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 2);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(server.requests()).hasSize(40);
        producer.stop();
    }

    // issue 10 item 8: no head-of-line blocking between exchanges

    @Test
    void aSmallSendDoesNotWaitBehindOtherExchangesFanOuts() throws Exception {
        List<String> small = numbers(9000, 2);
        server.answering(r -> small.contains(to(r)) ? created(r) : created(r).after(100));
        AtomicReference<Long> smallDoneAt = new AtomicReference<>();
        List<Long> bigDoneAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        String big = laml("maxConcurrentRequests=20");
        var bigOne = template().asyncRequestBodyAndHeader(big, "big", SmsConstants.TO, numbers(0, 200))
                .whenComplete((r, e) -> bigDoneAt.add(System.nanoTime()));
        var bigTwo = template().asyncRequestBodyAndHeader(big, "big", SmsConstants.TO, numbers(1000, 200))
                .whenComplete((r, e) -> bigDoneAt.add(System.nanoTime()));
        while (server.requests().size() < 40) {
            Thread.sleep(5);
        }
        Exchange exchange = template().send(laml(), e -> {
            e.getMessage().setBody("small");
            e.getMessage().setHeader(SmsConstants.TO, small);
        });
        smallDoneAt.set(System.nanoTime());
        int bigAnsweredWhenSmallWasDone = server.answered() - 2;
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(2);
        bigOne.get(30, TimeUnit.SECONDS);
        bigTwo.get(30, TimeUnit.SECONDS);
        // ordering, not wall-clock: the small send ended while both big fan-outs were still far from done
        assertThat(bigDoneAt).hasSize(2).allSatisfy(t -> assertThat(t).isGreaterThan(smallDoneAt.get()));
        assertThat(bigAnsweredWhenSmallWasDone).isLessThan(200);
        assertThat(server.maxInFlight()).isLessThanOrEqualTo(42);
    }

    @Test
    void aFanOutHonoursMaxConcurrentRequestsAboveThirtyTwo() throws Exception {
        context.getComponent("sms", SmsComponent.class).setConnectionsPerRoute(100);
        server.answering(r -> created(r).after(500));
        SmsSendResult result = template().requestBodyAndHeader(laml("maxConcurrentRequests=60"), "Hi",
                SmsConstants.TO, numbers(0, 120), SmsSendResult.class);
        assertThat(result.getAcceptedCount()).isEqualTo(120);
        assertThat(server.maxInFlight()).isGreaterThan(40).isLessThanOrEqualTo(60); // the old shared pool gave 33
    }

    @Test
    void maxConcurrentRequestsAboveWhatThePoolGivesIsRefusedBeforeSending() {
        org.apache.camel.ResolveEndpointFailedException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.camel.ResolveEndpointFailedException.class,
                () -> context.getEndpoint(laml("maxConcurrentRequests=41")));
        assertThat(refused).hasCauseInstanceOf(SmsValidationException.class).hasMessageContaining("connectionsPerRoute");
        assertThat(((SmsValidationException) refused.getCause()).getField()).isEqualTo("maxConcurrentRequests");
        assertThat(server.requests()).isEmpty();
    }

    // issue 10 item 6: one recipient's unreadable answer stays that recipient's

    @Test
    void anUnreadableCreatedAnswerMakesOnlyThatRecipientInDoubt() {
        List<String> numbers = numbers(0, 5);
        server.answering(r -> {
            String to = to(r);
            if (to.equals(numbers.get(1))) {
                return new Answer(201, "text/html", "<html><body>Created</body></html>", 0, false);
            } else if (to.equals(numbers.get(2))) {
                return new Answer(201, "application/json", "", 0, false);
            } else if (to.equals(numbers.get(3))) {
                return new Answer(201, "application/json", message(to, 3).substring(0, 40), 0, false);
            }
            return created(r);
        });
        Exchange exchange = template().send(laml(), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(SmsConstants.TO, numbers);
        });
        assertThat(exchange.getException()).isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("queued", "in-doubt", "in-doubt", "in-doubt", "queued");
        assertThat(result.getRecipients().get(0).getMessageId()).startsWith("SM");
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(2);
        assertThat(server.requests()).hasSize(5); // nobody was sent to twice
    }

    @Test
    void theSameWithFailOnPartialFailureCarriesTheResult() {
        List<String> numbers = numbers(0, 3);
        server.answering(r -> to(r).equals(numbers.get(0))
                ? new Answer(201, "text/html", "<html>oops</html>", 0, false) : created(r));
        Exchange exchange = template().send(laml("failOnPartialFailure=true"), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(SmsConstants.TO, numbers);
        });
        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getResult().getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("in-doubt", "queued", "queued");
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void theAsyncClientConfigurerCustomisesTheClient() {
        AtomicInteger configured = new AtomicInteger();
        context.getRegistry().bind("tuning", (io.github.camelsms.sms.http.HttpAsyncClientConfigurer) builder -> {
            configured.incrementAndGet();
            builder.setUserAgent("tuned-by-configurer");
        });
        server.answering(AsyncTransportTest::created);
        SmsSendResult result = template().requestBodyAndHeader(laml("httpAsyncClientConfigurer=#tuning"), "Hi",
                SmsConstants.TO, numbers(0, 1), SmsSendResult.class);
        assertThat(result.getAcceptedCount()).isEqualTo(1);
        assertThat(configured).hasValue(1);
        assertThat(server.requests()).singleElement().extracting(LoopbackHttpServer.Request::head)
                .asString().contains("User-Agent: tuned-by-configurer");
    }
}
