package io.github.camelsms.sms;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsTransportException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 1 and 2 of reliability: every failure's retryable and in-doubt flags, and the built-in retry that only repeats
 * requests the provider cannot have acted on.
 */
@Timeout(30)
class RetryAndTaxonomyTest extends SmsTestSupport {

    private static final Map<String, Object> ONE = Map.of(SmsConstants.TO, "4522334488");
    private static final String FAST = "retryDelay=5";

    private String unreachable(String baseUrl, String... options) {
        StringBuilder uri = new StringBuilder("sms:cpsms/send?baseUrl=").append(baseUrl).append("&username=")
                .append(USER).append("&apiKey=RAW(").append(API_KEY).append(")");
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    private int messagesSent() {
        return sim.cpsms().account(USER).messages().size();
    }

    // item 1: the taxonomy

    @Test
    void connectionRefusedIsRetryableAndNotInDoubt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmsTransportException e = failure(SmsTransportException.class,
                unreachable("http://127.0.0.1:" + closedPort, FAST), "Hi", ONE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("connection refused").contains("Nothing was sent");
    }

    @Test
    void unknownHostIsRetryableAndNotInDoubt() {
        SmsTransportException e = failure(SmsTransportException.class,
                unreachable("https://api.cpsms.invalid/v2", FAST), "Hi", ONE);
        assertThat(e.getCause()).isInstanceOf(java.net.UnknownHostException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("unknown host");
    }

    @Test
    void connectTimeoutIsRetryableAndNotInDoubt() throws IOException {
        // a listening socket whose accept queue is full drops new connection attempts: they time out
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 100);
                        fillers.add(s);
                    } catch (IOException timedOut) {
                        s.close();
                        break;
                    }
                }
                SmsTransportException e = failure(SmsTransportException.class,
                        unreachable("http://127.0.0.1:" + full.getLocalPort(), "connectTimeout=200",
                                "responseTimeout=1000", "retryAttempts=0"), "Hi", ONE);
                assertThat(e.getMessage()).contains("connect timeout");
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.isInDoubt()).isFalse();
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void tlsHandshakeFailureIsRetryableAndNotInDoubt() throws Exception {
        // https to a server that answers the TLS hello in plain text: the handshake fails before the request is written
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread server = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (Socket s = plain.accept()) {
                        connections.incrementAndGet();
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            SmsTransportException e = failure(SmsTransportException.class,
                    unreachable("https://127.0.0.1:" + plain.getLocalPort(), FAST), "Hi", ONE);
            assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLException.class);
            assertThat(e.getMessage()).contains("TLS").contains("Nothing was sent");
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.isInDoubt()).isFalse();
            assertThat(connections.get()).isEqualTo(3); // retried twice, as nothing had been sent
        }
    }

    @Test
    void rateLimitedIsRetryableAndNotInDoubt() {
        sim.inject(Fault.rateLimited(0), 3);
        SmsRateLimitException e = failure(SmsRateLimitException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(3);
        assertThat(messagesSent()).isZero();
    }

    @Test
    void unavailableWithRetryAfterIsRetryableAndNotInDoubt() {
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "0")), 3);
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 504 })
    void aServerErrorAnswerToASendIsInDoubtAndNotRetried(int status) {
        sim.inject(Fault.status(status, "{\"error\":{\"code\":" + status + ",\"message\":\"oops\"}}"), 5);
        SmsProviderException e = failure(SmsProviderException.class, cpsms("send", FAST, "retryAttempts=5"), "Hi",
                ONE);
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void readTimeoutAfterTheSendWasWrittenIsInDoubtAndNotRetried() {
        sim.inject(Fault.delay(Duration.ofMillis(1500)));
        SmsTransportException e = failure(SmsTransportException.class,
                cpsms("send", FAST, "responseTimeout=200"), "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("response timeout").contains("check before sending again");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void connectionResetAfterTheSendWasWrittenIsInDoubtAndNotRetried() {
        sim.inject(Fault.dropAfterHandling());
        SmsTransportException e = failure(SmsTransportException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
        assertThat(messagesSent()).isEqualTo(1); // the provider did send it: a retry would have sent it twice
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 402, 403, 404, 409, 422 })
    void otherClientErrorsAreNeitherRetryableNorInDoubt(int status) {
        sim.inject(Fault.status(status, "{\"error\":{\"code\":" + status + ",\"message\":\"no\"}}"));
        SmsException e = failure(SmsException.class, cpsms("send", FAST), "Hi", ONE);
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).hasSize(1);
    }

    // item 2: the retry

    @Test
    void retriesUntilTheProviderAcceptsAndSendsOnce() {
        sim.inject(Fault.rateLimited(0));
        sim.inject(Fault.status(503, "{}", Map.of("Retry-After", "0")));
        Exchange exchange = call(cpsms("send", FAST), "Hi", ONE);
        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).extracting(RecordedRequest::fault).containsExactly("STATUS", "STATUS", null);
        assertThat(messagesSent()).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void retryAttemptsZeroSendsOnce() {
        sim.inject(Fault.rateLimited(0));
        failure(SmsRateLimitException.class, cpsms("send", "retryAttempts=0"), "Hi", ONE);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void readsAreRetriedAfterServerErrorsAndDroppedConnections() {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"oops\"}}"));
        sim.inject(Fault.dropBeforeHandling());
        Exchange exchange = call(cpsms("credit", FAST), null, Map.of());
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isNotNull();
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedFor() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        sim.inject(Fault.status(429, "{}", Map.of("Retry-After", inTwoSeconds)));
        Exchange exchange = call(cpsms("send", FAST), "Hi", ONE);
        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> requests = sim.requests();
        assertThat(requests).hasSize(2);
        // a lower bound only: the retry did not go before the provider said
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void aRetryAfterBeyondMaxRetryDelayIsNotWaitedFor() {
        sim.inject(Fault.rateLimited(120));
        SmsRateLimitException e = failure(SmsRateLimitException.class, cpsms("send", FAST, "maxRetryDelay=1000"),
                "Hi", ONE);
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void laMlFanOutRetriesOnlyTheRecipientThatWasRateLimited() {
        sim.inject(Fault.rateLimited(0));
        String uri = mycpaas("send", FAST);
        Exchange exchange = call(uri, "Hi", Map.of(SmsConstants.TO, "+4522334488,+4599887766"));
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getAcceptedCount()).isEqualTo(2);
        assertThat(sim.requestsTo("/Accounts")).hasSize(3);
        assertThat(sim.laml().account(LAML_SID).messages()).extracting(m -> m.to())
                .containsExactlyInAnyOrder("+4522334488", "+4599887766");
    }

    @Test
    void eachRetryLogsOneWarningWithoutSecrets() {
        sim.inject(Fault.rateLimited(0), 2);
        try (LogCapture logs = new LogCapture()) {
            Exchange exchange = call(cpsms("send", FAST), "Hi", ONE);
            assertThat(exchange.getException()).isNull();
            List<ILoggingEvent> warnings = logs.warnings("io.github.camelsms");
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0).getFormattedMessage()).contains("cpsms send").contains("retry 1 of 2")
                    .contains("SmsRateLimitException");
            assertThat(warnings.get(1).getFormattedMessage()).contains("retry 2 of 2");
            String basic = java.util.Base64.getEncoder().encodeToString((USER + ":" + API_KEY).getBytes());
            // Camel core's own TRACE lines print endpoint URIs as written (see README); the component's lines never do
            assertThat(logs.texts("io.github.camelsms")).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain(API_KEY).doesNotContain(basic));
        }
    }

    @Test
    void camelRedeliveryAsTheReadmeShowsItRedeliversOnlyWhatIsSafe() throws Exception {
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                onException(SmsException.class)
                        .onWhen(simple("${exception.retryable} == true && ${exception.inDoubt} == false"))
                        .maximumRedeliveries(2).redeliveryDelay(5).handled(false);
                from("direct:send").to(cpsms("send", "retryAttempts=0"));
            }
        });
        sim.inject(Fault.rateLimited(0));
        Exchange redelivered = template().send("direct:send", e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeaders(new java.util.HashMap<>(ONE));
        });
        assertThat(redelivered.getException()).isNull();
        assertThat(sim.requests()).hasSize(2);

        sim.clearRequests();
        sim.inject(Fault.status(500, "{}"));
        Exchange inDoubt = template().send("direct:send", e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeaders(new java.util.HashMap<>(ONE));
        });
        assertThat(inDoubt.getException()).isInstanceOf(SmsProviderException.class);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void negativeRetryOptionsFailWhenTheRouteStarts() {
        for (String option : List.of("retryAttempts=-1", "retryDelay=-1", "maxRetryDelay=-5")) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> context.getEndpoint(cpsms("send", option)).start());
            Throwable root = thrown;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(SmsValidationException.class);
            assertThat(((SmsValidationException) root).getField()).isEqualTo(option.substring(0, option.indexOf('=')));
        }
    }
}
