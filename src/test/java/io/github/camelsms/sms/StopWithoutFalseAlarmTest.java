package io.github.camelsms.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import io.github.camelsms.sms.http.LoopbackHttpServer;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 8: stopping Camel while sends are in flight logs no false alarm. Closing the HTTP client abruptly
 * closed each I/O selector from the stopping thread while its I/O thread was iterating the selected keys, and
 * httpcore5 logged a ConcurrentModificationException at ERROR. Every exchange still ends, exactly once, in doubt when
 * the server had read its request and not sent otherwise (rule 3).
 */
@Timeout(120)
class StopWithoutFalseAlarmTest {

    private static final int ROUNDS = 12;
    private static final int SENDS = 60;

    private final LoopbackHttpServer server = new LoopbackHttpServer()
            .answering(r -> AsyncTransportTest.created(r).after(10_000));

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void stoppingWithSendsInFlightLogsNoErrorAndEndsEveryExchange() throws Exception {
        try (LogCapture log = LogCapture.asConfigured()) {
            for (int round = 0; round < ROUNDS; round++) {
                stopWhileSendsAreInFlight(round);
                assertThat(log.events()).as("round %d", round)
                        .noneMatch(e -> e.getLevel() == Level.ERROR && e.getLoggerName().startsWith("org.apache.hc"));
            }
        }
    }

    private void stopWhileSendsAreInFlight(int round) throws Exception {
        int before = server.requests().size();
        CamelContext context = new DefaultCamelContext();
        context.getComponent("sms", SmsComponent.class).setConnectionsPerRoute(SENDS);
        context.start();
        AsyncProducer producer = context.getEndpoint("sms:mycpaas/send?baseUrl=" + server.baseUrl()
                                                     + "&accountSid=" + AsyncTransportTest.SID + "&authToken=RAW("
                                                     + AsyncTransportTest.TOKEN + ")&from=RAW(+4570200000)")
                .createAsyncProducer();
        producer.start();
        List<Exchange> exchanges = new ArrayList<>();
        AtomicInteger callbacks = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(SENDS);
        for (int i = 0; i < SENDS; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("Hi");
            exchange.getMessage().setHeader(SmsConstants.TO, AsyncTransportTest.numbers(round * SENDS + i, 1).get(0));
            exchanges.add(exchange);
            producer.process(exchange, doneSync -> {
                callbacks.incrementAndGet();
                done.countDown();
            });
        }
        // stop once some requests reached the server, while others are still being connected and written
        while (server.requests().size() < before + SENDS / 2) {
            Thread.sleep(1);
        }
        context.stop();

        assertThat(done.await(20, TimeUnit.SECONDS)).as("every exchange ended").isTrue();
        Thread.sleep(50);
        assertThat(callbacks).as("each callback exactly once").hasValue(SENDS);
        Set<String> reached = server.requests().stream().skip(before).map(AsyncTransportTest::to)
                .collect(Collectors.toSet());
        for (Exchange exchange : exchanges) {
            String to = exchange.getMessage().getHeader(SmsConstants.TO, String.class);
            assertThat(exchange.getException()).as(to).isInstanceOf(SmsTransportException.class);
            SmsTransportException e = (SmsTransportException) exchange.getException();
            if (reached.contains(to)) {
                assertThat(e.isInDoubt()).as("%s reached the server: %s", to, e.getMessage()).isTrue();
            }
        }
    }
}
