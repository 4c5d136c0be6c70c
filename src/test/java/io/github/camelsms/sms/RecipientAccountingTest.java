package io.github.camelsms.sms;

import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recipient sent is accounted for exactly once, keyed by what was sent, not by what the answer names: servers
 * that leave a number out, name a number never sent, answer for another number, or declare a failure inside a 2xx.
 */
@Timeout(60)
class RecipientAccountingTest extends StubbedSendTestSupport {

    private static final List<String> THREE = List.of("4522334401", "4522334402", "4522334403");

    private static List<String> tos(SmsSendResult result) {
        return result.getRecipients().stream().map(SmsRecipientResult::getTo).toList();
    }

    private static void assertCountsMatch(Exchange exchange, SmsSendResult result) {
        long accepted = result.getRecipients().stream().filter(SmsRecipientResult::isAccepted).count();
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo((int) accepted);
        assertThat(exchange.getMessage().getHeader(SmsConstants.REJECTED_COUNT))
                .isEqualTo(result.getRecipients().size() - (int) accepted);
    }

    @Test
    void cpsmsAnswerNamingTwoOfThreeLeavesTheThirdInDoubt() {
        server.answering(r -> Answer.json(200, "{\"success\":[{\"to\":\"4522334401\",\"cost\":1},"
                                               + "{\"to\":\"4522334403\",\"cost\":1}]}"));

        Exchange exchange = send(cpsms(), THREE);

        assertThat(exchange.getException()).isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(tos(result)).containsExactlyElementsOf(THREE);
        assertThat(result.getRecipients().get(1).isAccepted()).isFalse();
        assertThat(result.getRecipients().get(1).getStatus()).isEqualTo(SmsRecipientResult.IN_DOUBT);
        assertThat(result.getAcceptedCount()).isEqualTo(2);
        assertCountsMatch(exchange, result);
    }

    @Test
    void cpsmsAnswerNamingTwoOfThreeFailsInDoubtWithFailOnPartialFailure() {
        server.answering(r -> Answer.json(200, "{\"success\":[{\"to\":\"4522334401\",\"cost\":1},"
                                               + "{\"to\":\"4522334402\",\"cost\":1}]}"));

        Exchange exchange = send(cpsms("failOnPartialFailure=true"), THREE);

        assertThat(exchange.getException()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(tos(e.getResult())).containsExactlyElementsOf(THREE);
        assertThat(e.getResult().getRecipients().get(2).getStatus()).isEqualTo(SmsRecipientResult.IN_DOUBT);
    }

    @Test
    void cpsmsAnswerNamingAnUnsentNumberNeverReportsIt() {
        server.answering(r -> Answer.json(200, "{\"success\":[{\"to\":\"4522334401\",\"cost\":1},"
                                               + "{\"to\":\"4599999999\",\"cost\":1}],\"error\":[{\"to\":"
                                               + "\"4588888888\",\"errorCode\":400,\"errMsg\":\"bad\"}]}"));

        Exchange exchange = send(cpsms(), List.of("4522334401", "4522334402"));

        assertThat(exchange.getException()).isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(tos(result)).containsExactly("4522334401", "4522334402");
        assertThat(result.getRecipients().get(1).getStatus()).isEqualTo(SmsRecipientResult.IN_DOUBT);
        assertThat(result.getAcceptedCount()).isEqualTo(1);
        assertThat(result.getTotalCost()).isEqualByComparingTo("1");
        assertCountsMatch(exchange, result);
    }

    @Test
    void cpsmsSingleRecipientAnsweredForAnotherNumberIsInDoubt() {
        server.answering(r -> Answer.json(200, "{\"success\":[{\"to\":\"4599999999\",\"cost\":1}]}"));

        Exchange exchange = send(cpsms("failOnPartialFailure=true"), "4522334401");

        assertThat(exchange.getException()).isInstanceOf(SmsException.class);
        SmsException e = (SmsException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.getMessage()).doesNotContain("4599999999 accepted");
    }

    @Test
    void cpsmsChunksAreAccountedForEachOnItsOwn() {
        // every chunk's answer names only its first number
        server.answering(r -> {
            String first = r.body().replaceAll("(?s).*?\"to\":\\[\"(\\d+)\".*", "$1");
            return Answer.json(200, "{\"success\":[{\"to\":\"" + first + "\",\"cost\":1}]}");
        });
        List<String> four = List.of("4522334401", "4522334402", "4522334403", "4522334404");

        Exchange exchange = send(cpsms("maxRecipientsPerRequest=2"), four);

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(tos(result)).containsExactlyElementsOf(four);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("accepted", SmsRecipientResult.IN_DOUBT, "accepted", SmsRecipientResult.IN_DOUBT);
        assertCountsMatch(exchange, result);
    }

    @Test
    void lamlAnswerForAnotherNumberIsInDoubtForTheNumberSent() {
        server.answering(r -> Answer.json(201, AsyncTransportTest.message("+4599999999", 7)));

        Exchange single = send(laml(), "+4522334401");

        assertThat(single.getException()).isInstanceOf(SmsException.class);
        SmsException e = (SmsException) single.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();

        server.answering(r -> AsyncTransportTest.to(r).equals("+4522334402")
                ? Answer.json(201, AsyncTransportTest.message("+4599999999", 8))
                : Answer.json(201, AsyncTransportTest.message(AsyncTransportTest.to(r), 9)));

        Exchange several = send(laml(), List.of("+4522334401", "+4522334402", "+4522334403"));

        assertThat(several.getException()).isNull();
        SmsSendResult result = several.getMessage().getBody(SmsSendResult.class);
        assertThat(tos(result)).containsExactly("+4522334401", "+4522334402", "+4522334403");
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getStatus)
                .containsExactly("queued", SmsRecipientResult.IN_DOUBT, "queued");
        assertCountsMatch(several, result);
    }

    @Test
    void lamlCreatedWithStatusFailedIsARejection() {
        server.answering(r -> Answer.json(201, AsyncTransportTest.message(AsyncTransportTest.to(r), 5)
                .replace("\"status\":\"queued\"", "\"status\":\"failed\",\"error_code\":30007,"
                                                  + "\"error_message\":\"Carrier violation\"")));

        Exchange single = send(laml("failOnPartialFailure=true"), "+4522334401");

        assertThat(single.getException()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) single.getException();
        assertThat(e.isInDoubt()).isFalse();
        SmsRecipientResult rejected = e.getResult().getRecipients().get(0);
        assertThat(rejected.isAccepted()).isFalse();
        assertThat(rejected.getErrorCode()).isEqualTo("30007");
        assertThat(rejected.getErrorMessage()).contains("Carrier violation");

        server.answering(r -> AsyncTransportTest.to(r).equals("+4522334402")
                ? Answer.json(201, AsyncTransportTest.message("+4522334402", 6)
                        .replace("\"status\":\"queued\"", "\"status\":\"failed\",\"error_code\":\"30005\""))
                : Answer.json(201, AsyncTransportTest.message(AsyncTransportTest.to(r), 9)));

        Exchange several = send(laml(), List.of("+4522334401", "+4522334402"));

        assertThat(several.getException()).isNull();
        SmsSendResult result = several.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::isAccepted).containsExactly(true, false);
        assertThat(result.getRecipients().get(1).getErrorCode()).isEqualTo("30005");
        assertThat(several.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
        assertCountsMatch(several, result);
    }
}
