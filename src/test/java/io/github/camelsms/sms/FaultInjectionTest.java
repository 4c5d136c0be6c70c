package io.github.camelsms.sms;

import java.time.Duration;
import java.util.Map;

import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 6: faults injected by the simulator. For each, the exception and its flags, how many requests went out
 * (retries only where nothing can have been sent) and an exchange that always ends (every test is bounded).
 */
@Timeout(20)
class FaultInjectionTest extends SmsTestSupport {

    private static final Map<String, Object> ONE = Map.of(SmsConstants.TO, "4522334488");
    private static final String FAST = "retryDelay=5";
    private static final String JSON = "application/json";

    private int messagesSent() {
        return sim.cpsms().account(USER).messages().size();
    }

    // slow answers

    @Test
    void aSendSlowerThanTheResponseTimeoutIsInDoubtAndSentOnce() {
        sim.inject(Fault.delay(Duration.ofSeconds(2)));
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send", FAST, "responseTimeout=200"),
                "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aReadSlowerThanTheResponseTimeoutIsRetried() {
        sim.inject(Fault.delay(Duration.ofSeconds(2)));
        Exchange exchange = call(cpsms("credit", FAST, "responseTimeout=200"), null, Map.of());
        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    void aReadThatStaysSlowFailsRetryableAfterItsAttempts() {
        sim.inject(Fault.delay(Duration.ofSeconds(2)), 3);
        SmsTransportException e = failure(SmsTransportException.class,
                cpsms("credit", FAST, "responseTimeout=200"), null, Map.of());
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(3);
    }

    // dropped connections

    @Test
    void aConnectionDroppedBeforeTheRequestWasReadLeavesASendInDoubt() {
        sim.inject(Fault.dropBeforeHandling());
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send", FAST), "Hi", ONE);
        // the client cannot tell whether the provider read the request: it must not send it again
        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(1);
        assertThat(messagesSent()).isZero();
    }

    @Test
    void aConnectionDroppedAfterTheSendIsInDoubtAndTheMessageExistsOnce() {
        sim.inject(Fault.dropAfterHandling());
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(1);
        assertThat(messagesSent()).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotValidHttpIsReportedAsSuchAndLeavesASendInDoubt() throws java.io.IOException {
        try (TlsLoopback.SplitAnswerServer broken = new TlsLoopback.SplitAnswerServer(null, head -> java.util.List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: twelve\r\n"
                + "Connection: close\r\n\r\n{}"))) {
            String credentials = "?baseUrl=http://127.0.0.1:" + broken.port() + "&username=" + USER + "&apiKey=RAW("
                                 + API_KEY + ")&retryAttempts=0";
            SmsTransportException send = failure(SmsTransportException.class, "sms:cpsms/send" + credentials, "Hi",
                    ONE);
            assertThat(send.isInDoubt()).isTrue();
            assertThat(send.getMessage()).contains("not valid HTTP").contains("may have been sent")
                    .doesNotContain("abandoned").doesNotContain("Nothing was sent");

            SmsTransportException read = failure(SmsTransportException.class, "sms:cpsms/credit" + credentials, null,
                    Map.of());
            assertThat(read.isInDoubt()).isFalse();
            assertThat(read.isRetryable()).isTrue();
            assertThat(read.getMessage()).contains("not valid HTTP").doesNotContain("Nothing was sent");
        }
    }

    private static String answer(int status, String json) {
        return "HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
               + "\r\nConnection: close\r\n\r\n" + json;
    }

    @Test
    void aNumberJacksonCannotConvertMakesTheAnswerUnreadableInDoubtNotAPlainJavaException() throws java.io.IOException {
        String huge = "1e9999999999";
        try (TlsLoopback.SplitAnswerServer cpsmsServer = new TlsLoopback.SplitAnswerServer(null, head -> java.util.List.of(
                answer(200, "{\"success\":[{\"to\":\"4522334488\",\"cost\":" + huge + "}]}")));
             TlsLoopback.SplitAnswerServer lamlServer = new TlsLoopback.SplitAnswerServer(null, head -> java.util.List.of(
                answer(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\",\"price\":"
                            + huge + "}")))) {
            SmsException cpsms = failure(SmsException.class, "sms:cpsms/send?baseUrl=http://127.0.0.1:"
                    + cpsmsServer.port() + "&username=" + USER + "&apiKey=RAW(" + API_KEY + ")", "Hi", ONE);
            assertThat(cpsms.isInDoubt()).isTrue();
            SmsException laml = failure(SmsException.class, "sms:mycpaas/send?baseUrl=http://127.0.0.1:"
                    + lamlServer.port() + "&accountSid=" + LAML_SID + "&authToken=RAW(" + LAML_TOKEN + ")&from=RAW("
                    + LAML_FROM + ")", "Hi", Map.of(SmsConstants.TO, "+4522334488"));
            assertThat(laml.isInDoubt()).isTrue();
        }
    }

    @Test
    void droppedConnectionsOnReadsAreRetried() {
        sim.inject(Fault.dropBeforeHandling());
        sim.inject(Fault.dropAfterHandling());
        Exchange exchange = call(cpsms("listGroups", FAST), null, Map.of());
        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void aLamlFanOutMarksTheDroppedRecipientInDoubtAndDoesNotResendIt() {
        sim.inject(Fault.dropAfterHandling());
        Exchange exchange = call(mycpaas("send", FAST, "maxConcurrentRequests=1"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488,+4599887766"));
        assertThat(exchange.getException()).isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus).contains("in-doubt");
        assertThat(result.getAcceptedCount()).isEqualTo(1);
        assertThat(sim.requestsTo("/Accounts")).hasSize(2);
        assertThat(sim.laml().account(LAML_SID).messages()).hasSize(2); // both exist: no third, duplicate message
    }

    // status sequences

    @Test
    void aReadGetsThroughA500A502A503AndA429() {
        sim.inject(Fault.status(500, "{}"));
        sim.inject(Fault.status(502, "Bad gateway", Map.of("Content-Type", "text/plain")));
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "0")));
        sim.inject(Fault.rateLimited(0));
        Exchange exchange = call(cpsms("credit", FAST, "retryAttempts=4"), null, Map.of());
        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).extracting(RecordedRequest::fault)
                .containsExactly("STATUS", "STATUS", "STATUS", "STATUS", null);
    }

    @Test
    void aReadGivesUpAfterRetryAttemptsWithTheLastFailure() {
        sim.inject(Fault.status(500, "{}"));
        sim.inject(Fault.status(502, "Bad gateway", Map.of("Content-Type", "text/plain")));
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "0")));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("credit", FAST), null, Map.of());
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void aSendRetriesThrough429And503ButStopsAtA500() {
        sim.inject(Fault.rateLimited(0));
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "0")));
        sim.inject(Fault.status(500, "{}"));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", FAST, "retryAttempts=5"), "Hi",
                ONE);
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(3);
        assertThat(messagesSent()).isZero();
    }

    @Test
    void a503WithoutRetryAfterToASendIsInDoubt() {
        sim.inject(Fault.status(503, "{}"), 3);
        SmsProviderException e = failure(SmsProviderException.class, mycpaas("send", FAST), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(1);
    }

    // bodies the component cannot use

    @ParameterizedTest
    @ValueSource(strings = { "{\"success\":[{\"to\":", "", "null", "[]", "\"ok\"", "{\"success\":\"yes\"}" })
    void aMalformedOrEmptyAnswerToASendIsInDoubt(String body) {
        sim.inject(Fault.status(200, body));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"credit\":", "", "{\"credit\":\"lots\"}" })
    void aMalformedOrEmptyAnswerToAReadIsAProviderExceptionNotInDoubt(String body) {
        sim.inject(Fault.status(200, body));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("credit", FAST), null, Map.of());
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aTenMegabyteAnswerIsRefusedWithoutHoldingIt() {
        String huge = "{\"success\":[" + "{\"to\":\"4522334488\",\"cost\":1},".repeat(10 * 1024 * 1024 / 30)
                      + "{\"to\":\"4522334488\",\"cost\":1}]}";
        assertThat(huge.length()).isGreaterThan(10_000_000);
        sim.inject(Fault.status(200, huge));
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.getMessage()).contains("larger than");
        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(1);

        sim.inject(Fault.status(400, huge));
        SmsException refused = failure(SmsException.class, mycpaas("getMessage", "retryAttempts=0"), null,
                Map.of(SmsConstants.MESSAGE_ID, "SM0123456789abcdef0123456789abcdef"));
        assertThat(refused.getMessage()).contains("larger than");
        assertThat(refused.isInDoubt()).isFalse();
        assertThat(refused.isRetryable()).isTrue(); // a read: asking again is safe
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    void wrongContentTypesAreHandledByWhatTheBodyIs() {
        // a JSON body labelled text/plain still reads; an HTML or XML page does not
        sim.inject(Fault.status(200, "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}",
                Map.of("Content-Type", "text/plain")));
        Exchange labelled = call(cpsms("send", FAST), "Hi", ONE);
        assertThat(labelled.getException()).isNull();

        sim.inject(Fault.status(200, "<html><body>Service maintenance</body></html>",
                Map.of("Content-Type", "text/html")));
        SmsProviderException html = failure(SmsProviderException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(html.isInDoubt()).isTrue();

        sim.inject(Fault.status(201, "<Response><Message><Sid>SM1</Sid></Message></Response>",
                Map.of("Content-Type", "application/xml")));
        SmsProviderException xml = failure(SmsProviderException.class, mycpaas("send", FAST), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(xml.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void anErrorPageWithTheWrongContentTypeStillMapsByStatus() {
        sim.inject(Fault.status(401, "<html>Unauthorized</html>", Map.of("Content-Type", "text/html")));
        SmsAuthenticationException e = failure(SmsAuthenticationException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }
}
