package io.github.camelsms.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import io.github.camelsms.sms.model.SmsRecipientResult;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 7: Camel stops in the middle of a bulk send. A graceful stop lets the requests in flight finish, starts
 * no new one, and the route's doCatch gets an SmsException with every recipient's fate (accepted or not sent). When
 * requests outlive the shutdown timeout, the component's stop closes the client: the exchange still ends, exactly
 * once, with those recipients in doubt. No recipient the server saw is ever reported as not sent.
 */
@Timeout(60)
class StopMidSendTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final AtomicReference<Exception> caught = new AtomicReference<>();
    private final CountDownLatch routeEnded = new CountDownLatch(1);

    @AfterEach
    void closeServer() {
        server.close();
    }

    private String laml() {
        return "sms:mycpaas/send?baseUrl=" + server.baseUrl() + "&accountSid=" + AsyncTransportTest.SID
               + "&authToken=RAW(" + AsyncTransportTest.TOKEN + ")&from=RAW(+4570200000)&maxConcurrentRequests=4";
    }

    private String cpsms() {
        return "sms:cpsms/send?baseUrl=" + server.baseUrl() + "&username=u&apiKey=RAW(k3y-Stop)"
               + "&maxRecipientsPerRequest=10";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:laml").doTry().to(laml()).doCatch(SmsException.class)
                        .process(e -> caught.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end().process(e -> routeEnded.countDown());
                from("direct:cpsms").doTry().to(cpsms()).doCatch(SmsException.class)
                        .process(e -> caught.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end().process(e -> routeEnded.countDown());
            }
        };
    }

    private static Answer cpsmsSuccess(LoopbackHttpServer.Request request, long delay) {
        try {
            JsonNode to = JSON.readTree(request.body()).get("to");
            StringBuilder success = new StringBuilder("{\"success\":[");
            for (int i = 0; i < to.size(); i++) {
                success.append(i == 0 ? "" : ",").append("{\"to\":\"").append(to.get(i).asText())
                        .append("\",\"cost\":1}");
            }
            return Answer.json(200, success.append("]}").toString()).after(delay);
        } catch (Exception parse) {
            return Answer.json(400, "{\"error\":{\"code\":400,\"message\":\"bad json\"}}");
        }
    }

    private static List<String> cpsmsNumbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            numbers.add("45" + (20000000 + i));
        }
        return numbers;
    }

    private void awaitRequests(int requests) throws InterruptedException {
        while (server.requests().size() < requests) {
            Thread.sleep(5);
        }
    }

    /** Sends through the route on another thread, stops Camel once the server has seen some requests. */
    private void stopGracefullyWhenTheServerHas(int requests, String endpoint, Object recipients) throws Exception {
        context.getShutdownStrategy().setTimeout(10);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        Thread sender = new Thread(() -> template().sendBodyAndHeader(endpoint, "Hi", SmsConstants.TO, recipients));
        sender.start();
        awaitRequests(requests);
        context.stop();
        assertThat(routeEnded.await(10, TimeUnit.SECONDS)).as("the route went on to its doCatch and ended").isTrue();
        sender.join(10_000);
    }

    /** Starts the send on a producer of its own and stops Camel while the requests hang. Returns the exchange. */
    private Exchange forceStopWhileRequestsHang(String uri, Object recipients, int requests) throws Exception {
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("Hi");
        exchange.getMessage().setHeader(SmsConstants.TO, recipients);
        AtomicInteger callbacks = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        producer.process(exchange, doneSync -> {
            callbacks.incrementAndGet();
            done.countDown();
        });
        awaitRequests(requests);
        context.stop();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("the exchange ended").isTrue();
        Thread.sleep(100);
        assertThat(callbacks).as("callback completed exactly once").hasValue(1);
        return exchange;
    }

    private Set<String> reachedServer(java.util.function.Function<LoopbackHttpServer.Request, List<String>> to) {
        return server.requests().stream().flatMap(r -> to.apply(r).stream()).collect(Collectors.toSet());
    }

    private static List<String> cpsmsTo(LoopbackHttpServer.Request request) {
        try {
            List<String> to = new ArrayList<>();
            JSON.readTree(request.body()).get("to").forEach(n -> to.add(n.asText()));
            return to;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static long count(List<SmsRecipientResult> results, String status) {
        return results.stream().filter(r -> status.equals(r.getStatus())).count();
    }

    @Test
    void aLamlFanOutEndsInTheRoutesCatchWithWhatWasSentAndWhatWasNot() throws Exception {
        server.answering(r -> AsyncTransportTest.created(r).after(300));
        List<String> numbers = AsyncTransportTest.numbers(0, 100);

        stopGracefullyWhenTheServerHas(8, "direct:laml", numbers);

        SmsPartialFailureException e = (SmsPartialFailureException) caught.get();
        List<SmsRecipientResult> results = e.getResult().getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        Set<String> reached = reachedServer(r -> List.of(AsyncTransportTest.to(r)));
        // the requests in flight were allowed to finish: everything the server saw is accepted, the rest not sent
        assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).as(r.getTo())
                .isEqualTo(reached.contains(r.getTo()) ? "queued" : SmsRecipientResult.NOT_SENT));
        assertThat(e.getResult().getAcceptedCount()).isEqualTo(server.requests().size()).isLessThan(100);
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("stopping").doesNotContain(AsyncTransportTest.TOKEN);
    }

    @Test
    void aChunkedCpsmsSendEndsInTheRoutesCatchWithWhatWasSentAndWhatWasNot() throws Exception {
        server.answering(r -> cpsmsSuccess(r, 300));
        List<String> numbers = cpsmsNumbers();

        stopGracefullyWhenTheServerHas(2, "direct:cpsms", numbers);

        SmsPartialFailureException e = (SmsPartialFailureException) caught.get();
        List<SmsRecipientResult> results = e.getResult().getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        Set<String> reached = reachedServer(StopMidSendTest::cpsmsTo);
        assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).as(r.getTo())
                .isEqualTo(reached.contains(r.getTo()) ? "accepted" : SmsRecipientResult.NOT_SENT));
        assertThat(reached).hasSize(10 * server.requests().size()).hasSizeLessThan(100);
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void aLamlFanOutOutlivingTheShutdownTimeoutEndsWithItsRequestsInFlightInDoubt() throws Exception {
        server.answering(r -> AsyncTransportTest.created(r).after(5000));
        List<String> numbers = AsyncTransportTest.numbers(0, 100);

        Exchange exchange = forceStopWhileRequestsHang(laml(), numbers, 4);

        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        List<SmsRecipientResult> results = e.getResult().getRecipients();
        Set<String> reached = reachedServer(r -> List.of(AsyncTransportTest.to(r)));
        assertThat(reached).hasSize(4);
        assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).as(r.getTo())
                .isEqualTo(reached.contains(r.getTo()) ? SmsRecipientResult.IN_DOUBT : SmsRecipientResult.NOT_SENT));
        assertThat(count(results, SmsRecipientResult.NOT_SENT)).isEqualTo(96);
        assertThat(e.isInDoubt()).isTrue();
    }

    @Test
    void aChunkedCpsmsSendOutlivingTheShutdownTimeoutEndsWithTheChunkInFlightInDoubt() throws Exception {
        server.answering(r -> cpsmsSuccess(r, 5000));
        List<String> numbers = cpsmsNumbers();

        Exchange exchange = forceStopWhileRequestsHang(cpsms(), numbers, 1);

        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        List<SmsRecipientResult> results = e.getResult().getRecipients();
        assertThat(results.subList(0, 10)).allMatch(r -> SmsRecipientResult.IN_DOUBT.equals(r.getStatus()));
        assertThat(results.subList(10, 100)).allMatch(r -> SmsRecipientResult.NOT_SENT.equals(r.getStatus()));
        assertThat(server.requests()).hasSize(1);
        assertThat(e.isInDoubt()).isTrue();
    }
}
