package io.github.camelsms.sms;

import java.util.Map;
import java.util.stream.Stream;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsProviderException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2xx answer whose values are absurd (costs, prices, counts, segments, dates, ids out of any sane range, or too
 * long to parse cheaply) ends as an {@link SmsProviderException}: in doubt when the request changed state, retryable
 * when it only read. Nothing escapes as ArithmeticException or DateTimeException, and no value is expanded.
 */
@Timeout(60)
class HostileAnswerValuesTest extends CamelTestSupport {

    private static final String MESSAGE_SID = "SM" + "0".repeat(31) + "1";
    private static final String HUGE_EXPONENT = "1e2000000000";
    private static final String SLOW_EXPONENT = "1e10000000";
    private static final String LONG_DIGITS = "1" + "0".repeat(200_000);

    private final LoopbackHttpServer server = new LoopbackHttpServer();

    @AfterEach
    void closeServer() {
        server.close();
    }

    private String cpsms(String operation) {
        return "sms:cpsms/" + operation + "?baseUrl=" + server.baseUrl() + "&username=u&apiKey=RAW(k3y-Hostile)";
    }

    private String laml(String provider, String operation) {
        return "sms:" + provider + "/" + operation + "?baseUrl=" + server.baseUrl() + "&accountSid="
               + AsyncTransportTest.SID + "&authToken=RAW(" + AsyncTransportTest.TOKEN + ")"
               + (operation.equals("send") ? "&from=RAW(+4570200000)" : "");
    }

    private static String resource(String to, String extra) {
        return "{\"sid\":\"" + MESSAGE_SID + "\",\"to\":\"" + to + "\",\"status\":\"queued\"" + extra + "}";
    }

    static Stream<Arguments> sends() {
        return Stream.of(
                Arguments.of("cpsms cost " + HUGE_EXPONENT, "{\"success\":[{\"to\":\"4522334401\",\"cost\":"
                                                              + HUGE_EXPONENT + "}]}"),
                Arguments.of("cpsms cost " + SLOW_EXPONENT, "{\"success\":[{\"to\":\"4522334401\",\"cost\":"
                                                              + SLOW_EXPONENT + "}]}"),
                Arguments.of("cpsms price as a string", "{\"success\":[{\"to\":\"4522334401\",\"price\":\"-"
                                                         + SLOW_EXPONENT + "\"}]}"),
                Arguments.of("cpsms cost of many digits", "{\"success\":[{\"to\":\"4522334401\",\"cost\":\""
                                                          + LONG_DIGITS + "\"}]}"),
                Arguments.of("cpsms cost 1e20", "{\"success\":[{\"to\":\"4522334401\",\"cost\":1e20}]}"),
                Arguments.of("cpsms cost that is no number", "{\"success\":[{\"to\":\"4522334401\",\"cost\":"
                                                             + "\"lots\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sends")
    void absurdValueInACpsmsSendIsInDoubt(String what, String body) {
        server.answering(r -> Answer.json(200, body));

        assertInDoubt(template().send(cpsms("send"), e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader(SmsConstants.TO, "4522334401");
        }));
    }

    static Stream<Arguments> lamlSends() {
        return Stream.of(
                Arguments.of("price " + HUGE_EXPONENT, ",\"price\":" + HUGE_EXPONENT),
                Arguments.of("price " + SLOW_EXPONENT, ",\"price\":\"-" + SLOW_EXPONENT + "\""),
                Arguments.of("price of many digits", ",\"price\":" + LONG_DIGITS.substring(0, 900)),
                Arguments.of("price that is no number", ",\"price\":\"free\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lamlSends")
    void absurdValueInALamlSendIsInDoubt(String what, String extra) {
        server.answering(r -> Answer.json(201, resource(AsyncTransportTest.to(r), extra)));

        assertInDoubt(template().send(laml("mycpaas", "send"), e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader(SmsConstants.TO, "+4522334401");
        }));
    }

    static Stream<Arguments> reads() {
        String entry = "\"to\":\"4522334401\",\"from\":\"Shop\",\"pointPrice\":1,\"dlrStatus\":1,"
                       + "\"dlrStatusText\":\"Received\",\"timeSent\":1700000000";
        return Stream.of(
                Arguments.of("cpsms credit " + HUGE_EXPONENT, "cpsms", "credit", "{\"credit\":" + HUGE_EXPONENT + "}"),
                Arguments.of("cpsms credit of many digits", "cpsms", "credit", "{\"credit\":\"" + LONG_DIGITS + "\"}"),
                Arguments.of("cpsms credit in Danish of many digits", "cpsms", "credit",
                        "{\"credit\":\"" + LONG_DIGITS + ",40\"}"),
                Arguments.of("cpsms log timeSent 1e20", "cpsms", "log",
                        "[{" + entry.replace("1700000000", "1e20") + "}]"),
                Arguments.of("cpsms log timeSent " + SLOW_EXPONENT, "cpsms", "log",
                        "[{" + entry.replace("1700000000", SLOW_EXPONENT) + "}]"),
                Arguments.of("cpsms log dlrStatus " + SLOW_EXPONENT, "cpsms", "log",
                        "[{" + entry.replace("\"dlrStatus\":1", "\"dlrStatus\":" + SLOW_EXPONENT) + "}]"),
                Arguments.of("cpsms log dlrStatus 4294967297", "cpsms", "log",
                        "[{" + entry.replace("\"dlrStatus\":1", "\"dlrStatus\":4294967297") + "}]"),
                Arguments.of("cpsms log pointPrice " + HUGE_EXPONENT, "cpsms", "log",
                        "[{" + entry.replace("\"pointPrice\":1", "\"pointPrice\":" + HUGE_EXPONENT) + "}]"),
                Arguments.of("cpsms listGroups groupId " + SLOW_EXPONENT, "cpsms", "listGroups",
                        "[{\"groupId\":" + SLOW_EXPONENT + ",\"groupName\":\"x\"}]"),
                Arguments.of("twilio getMessage num_segments " + SLOW_EXPONENT, "twilio", "getMessage",
                        resource("+4522334401", ",\"num_segments\":" + SLOW_EXPONENT)),
                Arguments.of("twilio getMessage num_segments 4294967297", "twilio", "getMessage",
                        resource("+4522334401", ",\"num_segments\":\"4294967297\"")),
                Arguments.of("twilio getMessage num_media -1", "twilio", "getMessage",
                        resource("+4522334401", ",\"num_media\":-1")),
                Arguments.of("twilio getMessage price " + HUGE_EXPONENT, "twilio", "getMessage",
                        resource("+4522334401", ",\"price\":\"" + HUGE_EXPONENT + "\"")),
                Arguments.of("twilio getMessage date_sent in year 999999999", "twilio", "getMessage",
                        resource("+4522334401", ",\"date_sent\":\"+999999999-12-31T23:59:59Z\"")),
                Arguments.of("twilio getMessage date_created unreadable", "twilio", "getMessage",
                        resource("+4522334401", ",\"date_created\":\"yesterday at noon\"")),
                Arguments.of("twilio listMessages num_segments " + SLOW_EXPONENT, "twilio", "listMessages",
                        "{\"messages\":[" + resource("+4522334401", ",\"num_segments\":" + SLOW_EXPONENT) + "]}"),
                Arguments.of("twilio credit " + HUGE_EXPONENT, "twilio", "credit",
                        "{\"balance\":\"" + HUGE_EXPONENT + "\",\"currency\":\"USD\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void absurdValueInAReadIsAProviderFailure(String what, String provider, String operation, String body) {
        server.answering(r -> Answer.json(200, body));

        Exchange exchange = template().send(
                provider.equals("cpsms") ? cpsms(operation) : laml(provider, operation),
                e -> e.getMessage().setHeaders(Map.of(SmsConstants.MESSAGE_ID, MESSAGE_SID)));

        assertThat(exchange.getException()).as(what).isInstanceOf(SmsProviderException.class);
        SmsProviderException e = (SmsProviderException) exchange.getException();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getStatusCode()).isEqualTo(200);
        assertThat(e.getMessage()).hasSizeLessThan(2000);
    }

    private static void assertInDoubt(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(SmsProviderException.class);
        SmsProviderException e = (SmsProviderException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("may have been sent").hasSizeLessThan(2000);
    }
}
