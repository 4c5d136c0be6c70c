package io.github.camelsms.sms.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelsms.sms.LogCapture;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.WebhookTestSupport;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every provider's simulation and the component's provider pass together: the component is driven over
 * loopback against the simulator, and the assertions look at what the simulator recorded, the result and headers that
 * came back, the exception's type and fields, and the log. A subclass supplies only what differs by provider: its URIs,
 * its numbers, how its account runs out of credit, how its webhooks are authenticated.
 */
@Timeout(60)
public abstract class ProviderContractTest extends WebhookTestSupport {

    private static final String REPORTS = "/contract/reports";
    private static final String FORGED = "/contract/forged";

    private final AtomicReference<Exception> caught = new AtomicReference<>();
    private final CountDownLatch bulkEnded = new CountDownLatch(1);

    // what a provider supplies

    /** The sms: provider name. */
    protected abstract String provider();

    /** An sms: URI of this provider with the test account on the simulator. */
    protected abstract String uri(String operation, String... options);

    /**
     * Puts the test account's credentials on the component, as the README recommends (Camel itself prints endpoint
     * URIs at TRACE), and returns an sms: URI of this provider without them.
     */
    protected abstract String uriWithCredentialsOnComponent(String operation);

    /** The same URI with a secret the provider does not know. */
    protected abstract String uriWithWrongCredentials(String operation);

    /** The n-th test number, written as this provider's users write it. */
    protected abstract String number(int n);

    /** The recipients of every message the simulated account accepted, oldest first. */
    protected abstract List<String> acceptedBySimulation();

    /** The secrets of the test account, which nothing may show. */
    protected abstract List<String> secrets();

    /** Makes the account unable to pay for the next send; a provider without such an answer skips (assumption). */
    protected abstract void runOutOfCredit();

    /** Options that make a send to many go out as several requests (chunks or a fan-out). */
    protected abstract String[] bulkOptions();

    /** Options of another provider that this one must refuse before sending anything (empty: none refused yet). */
    protected abstract List<String> foreignOptions();

    /** The send options that ask for delivery reports at this URL. */
    protected abstract String[] reportOptions(String url);

    /** A deliveryReports consumer on this path that authenticates the provider's webhooks right, or wrong. */
    protected abstract String deliveryReports(String path, boolean rightSecret);

    /**
     * Why the provider's webhooks cannot be replayed-checked (its documents sign no timestamp), or null when they sign
     * one and {@link #postReplayedReport} posts an old, validly signed report.
     */
    protected abstract String noReplayProtection();

    /** Posts a validly signed report whose signed time is outside the provider's window; returns the status. */
    protected int postReplayedReport(String url) throws Exception {
        throw new UnsupportedOperationException(provider() + " signs no timestamp");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bulk").doTry().to(uri("send", bulkOptions())).doCatch(SmsException.class)
                        .process(e -> caught.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end().process(e -> bulkEnded.countDown());
                from(deliveryReports(REPORTS, true)).to("mock:reports");
                from(deliveryReports(FORGED, false)).to("mock:forged");
            }
        };
    }

    // sending

    @Test
    void aSendToOneIsAcceptedOnceAndAnswered() {
        Exchange exchange = call(uri("send"), "Contract one", Map.of(SmsConstants.TO, number(1)));

        assertThat(exchange.getException()).isNull();
        assertThat(acceptedBySimulation()).containsExactly(number(1));
        assertThat(exchange.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo(provider());
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT, Integer.class)).isEqualTo(1);
    }

    @Test
    void aSendToManyAccountsForEveryRecipientInInputOrder() {
        List<String> numbers = List.of(number(1), number(2), number(3));

        Exchange exchange = call(uri("send"), "Contract many", Map.of(SmsConstants.TO, numbers));

        assertThat(exchange.getException()).isNull();
        assertThat(acceptedBySimulation()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT, Integer.class)).isEqualTo(3);
        assertThat(exchange.getMessage().getBody(io.github.camelsms.sms.model.SmsSendResult.class).getRecipients())
                .extracting(SmsRecipientResult::getTo, SmsRecipientResult::isAccepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(number(1), true),
                        org.assertj.core.groups.Tuple.tuple(number(2), true),
                        org.assertj.core.groups.Tuple.tuple(number(3), true));
    }

    @Test
    void wrongCredentialsAreAnAuthenticationFailureTriedOnce() {
        SmsAuthenticationException e = failure(SmsAuthenticationException.class, uriWithWrongCredentials("send"),
                "Contract", Map.of(SmsConstants.TO, number(1)));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getProvider()).isEqualTo(provider());
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
        assertThat(acceptedBySimulation()).isEmpty();
    }

    @Test
    void noCreditIsAnInsufficientCreditFailureWithNothingSent() {
        runOutOfCredit();

        SmsInsufficientCreditException e = failure(SmsInsufficientCreditException.class, uri("send"), "Contract",
                Map.of(SmsConstants.TO, number(1)));

        assertThat(e.getProvider()).isEqualTo(provider());
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(acceptedBySimulation()).isEmpty();
    }

    @Test
    void a5xxOnASendIsInDoubtAndNotRetried() {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}"), 3);

        SmsException e = failure(SmsException.class, uri("send"), "Contract", Map.of(SmsConstants.TO, number(1)));

        assertThat(e).isInstanceOf(SmsProviderException.class);
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.isInDoubt()).as("the send may have happened").isTrue();
        assertThat(sim.requests()).as("never retried").hasSize(1);
    }

    @Test
    void anUnreadable2xxOnASendIsInDoubt() {
        sim.inject(Fault.status(200, "<html>maintenance</html>", Map.of("Content-Type", "text/html")), 3);

        SmsException e = failure(SmsException.class, uri("send"), "Contract", Map.of(SmsConstants.TO, number(1)));

        assertThat(e).isInstanceOf(SmsProviderException.class);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aStopInTheMiddleOfABulkSendAccountsForEveryRecipient() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            numbers.add(number(100 + i));
        }
        sim.inject(Fault.delay(Duration.ofMillis(300)), 100);
        context.getShutdownStrategy().setTimeout(10);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        Thread sender = new Thread(() -> template().sendBodyAndHeader("direct:bulk", "Contract", SmsConstants.TO,
                numbers));
        sender.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.requests().size() >= 2);
        context.stop();

        assertThat(bulkEnded.await(20, TimeUnit.SECONDS)).as("the route went on to its doCatch").isTrue();
        sender.join(10_000);
        assertThat(caught.get()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) caught.get();
        List<SmsRecipientResult> results = e.getResult().getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        Set<String> accepted = new HashSet<>(acceptedBySimulation());
        // a graceful stop lets the requests in flight finish: what the provider took is accepted, the rest not sent
        assertThat(results).allSatisfy(r -> assertThat(r.isAccepted()).as(r.getTo()).isEqualTo(accepted.contains(
                r.getTo())));
        assertThat(results).filteredOn(r -> !r.isAccepted()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(SmsRecipientResult.NOT_SENT));
        assertThat(e.isInDoubt()).isFalse();
    }

    @Test
    void noSecretInAnyExceptionOrLogLine() {
        String uri = uriWithCredentialsOnComponent("send");
        List<Exception> failures = new ArrayList<>();
        List<String> lines;
        try (LogCapture log = new LogCapture(true)) {
            // hostile answers that echo the secrets back
            sim.inject(Fault.status(500, "{\"echo\":\"" + String.join(" ", secrets()) + "\"}"));
            sim.inject(Fault.status(401, "{\"echo\":\"" + String.join(" ", secrets()) + "\"}"));
            failures.add(call(uri, "Contract", Map.of(SmsConstants.TO, number(1))).getException());
            failures.add(call(uri, "Contract", Map.of(SmsConstants.TO, number(1))).getException());
            assertThat(call(uri, "Contract", Map.of(SmsConstants.TO, number(1))).getException()).isNull();
            lines = log.everything();
        }
        assertThat(failures).doesNotContainNull().hasSize(2);
        assertThat(lines).isNotEmpty();
        List<String> texts = new ArrayList<>(lines);
        for (Exception failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t));
            }
            if (failure instanceof SmsException sms) {
                texts.add(String.valueOf(sms.getResponseBody()));
                texts.add(String.valueOf(sms.getResponseHeaders()));
            }
        }
        for (String secret : secrets()) {
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(secret).doesNotContain(encoded));
        }
    }

    @Test
    void everyForeignOptionIsRefusedWithNothingSent() {
        assertThat(foreignOptions()).as("a provider that honours every other provider's options").isNotEmpty();
        for (String option : foreignOptions()) {
            String name = option.substring(0, option.indexOf('='));
            SmsValidationException e = failure(SmsValidationException.class, uri("send", option), "Contract",
                    Map.of(SmsConstants.TO, number(1)));
            assertThat(e.getMessage()).as(option).contains(name);
        }
        assertThat(sim.requests()).isEmpty();
    }

    // webhooks

    @Test
    void aDeliveryReportSignedRightIsRouted() throws Exception {
        MockEndpoint reports = getMockEndpoint("mock:reports");

        assertThat(call(uri("send", reportOptions(local(REPORTS))), "Contract", Map.of(SmsConstants.TO, number(1)))
                .getException()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> reports.getExchanges().stream()
                .anyMatch(e -> "DELIVERED".equals(e.getMessage().getHeader(SmsConstants.STATUS)))
                                                           && sim.callbackStatuses().size() == sim.callbacks().size());
        assertThat(reports.getExchanges()).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo(provider());
            assertThat(e.getMessage().getHeader(SmsConstants.TO)).isEqualTo(number(1));
        });
        assertThat(sim.callbackStatuses()).isNotEmpty().containsOnly(200);
    }

    @Test
    void aDeliveryReportSignedWrongIsRefusedAndNotRouted() throws Exception {
        MockEndpoint forged = getMockEndpoint("mock:forged");

        call(uri("send", reportOptions(local(FORGED))), "Contract", Map.of(SmsConstants.TO, number(1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !sim.callbacks().isEmpty()
                                                           && sim.callbackStatuses().size() == sim.callbacks().size());
        assertThat(sim.callbackStatuses()).containsOnly(403);
        assertThat(forged.getExchanges()).isEmpty();
    }

    @Test
    void aReplayedDeliveryReportIsRefused() throws Exception {
        String why = noReplayProtection();
        assumeTrue(why == null, why);

        assertThat(postReplayedReport(local(REPORTS))).isEqualTo(403);
        assertThat(getMockEndpoint("mock:reports").getExchanges()).isEmpty();
    }

    @Test
    void aDuplicateCallbackIsRoutedOnce() throws Exception {
        sim.callbackRepeats(2);
        MockEndpoint reports = getMockEndpoint("mock:reports");

        call(uri("send", reportOptions(local(REPORTS))), "Contract", Map.of(SmsConstants.TO, number(1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> reports.getExchanges().stream()
                .anyMatch(e -> "DELIVERED".equals(e.getMessage().getHeader(SmsConstants.STATUS)))
                                                           && sim.callbackStatuses().size() == 2 * sim.callbacks()
                                                                   .size());
        // 503: a copy (or a late report) that came while its twin was being routed, for the provider to retry
        assertThat(sim.callbackStatuses()).contains(200).isSubsetOf(200, 503);
        List<String> routed = reports.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(SmsConstants.TO) + ":" + e.getMessage().getHeader(
                        SmsConstants.STATUS))
                .toList();
        assertThat(routed).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(sim.callbacks().size());
    }
}
