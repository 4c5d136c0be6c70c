package io.github.camelsms.sms;

import java.util.List;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import io.github.camelsms.sms.http.LoopbackHttpServer.Answer;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one batch engine behind a send to many, as both API families drive it: a LaML fan-out (one request per
 * recipient, every request sent whatever the others did) and CPSMS chunks (one after another, stopping at the first
 * failure). One rule for both: a failed request's recipients are in doubt or failed, the ones never sent are not-sent,
 * the result is in input order, and a partial failure carries the failed request's status.
 */
@Timeout(60)
class BatchSendTest extends StubbedSendTestSupport {

    private static final String SERVER_ERROR = "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}";

    private static List<String> statuses(SmsSendResult result) {
        return result.getRecipients().stream().map(SmsRecipientResult::getStatus).toList();
    }

    /** The numbers of a CPSMS request's "to" (an array, or a lone string), in order. */
    private static List<String> cpsmsTo(LoopbackHttpServer.Request request) {
        String to = request.body().replaceAll("(?s).*?\"to\":(\\[[^]]*]|\"[^\"]*\").*", "$1");
        return List.of(to.replaceAll("[\\[\\]\"]", "").split(","));
    }

    private static String cpsmsSuccess(List<String> numbers) {
        StringBuilder body = new StringBuilder("{\"success\":[");
        for (String to : numbers) {
            body.append(body.charAt(body.length() - 1) == '[' ? "" : ",").append("{\"to\":\"").append(to)
                    .append("\",\"cost\":1}");
        }
        return body.append("]}").toString();
    }

    @Test
    void lamlFanOutKeepsSendingAfterAnInDoubtRecipientAndThePartialFailureCarriesItsStatus() {
        server.answering(r -> AsyncTransportTest.to(r).equals("+4522334402")
                ? Answer.json(500, SERVER_ERROR)
                : Answer.json(201, AsyncTransportTest.message(AsyncTransportTest.to(r), 3)));

        Exchange exchange = send(laml("maxConcurrentRequests=1", "failOnPartialFailure=true"),
                List.of("+4522334401", "+4522334402", "+4522334403"));

        assertThat(server.requests()).as("a fan-out does not stop at a failure").hasSize(3);
        assertThat(exchange.getException()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getStatusCode()).as("the status of the request that failed, as for CPSMS chunks").isEqualTo(500);
        assertThat(e.getProviderCode()).isEqualTo("20500");
        assertThat(statuses(e.getResult())).containsExactly("queued", SmsRecipientResult.IN_DOUBT, "queued");
    }

    @Test
    void lamlFanOutWithARejectionInsideA201AndADefiniteFailureReturnsBothNotTheBareFailure() {
        server.answering(r -> AsyncTransportTest.to(r).equals("+4522334401")
                ? Answer.json(201, AsyncTransportTest.message("+4522334401", 4)
                        .replace("\"status\":\"queued\"", "\"status\":\"failed\",\"error_code\":30007"))
                : Answer.json(400, "{\"code\":21211,\"message\":\"The 'To' number is not valid.\",\"status\":400}"));

        Exchange exchange = send(laml("maxConcurrentRequests=1"), List.of("+4522334401", "+4522334402"));

        assertThat(exchange.getException()).as("the provider created a message for the first: the result says so")
                .isNull();
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(statuses(result)).containsExactly(SmsRecipientResult.REJECTED, SmsRecipientResult.FAILED);
        assertThat(result.getRecipients().get(0).getMessageId()).isEqualTo("SM" + String.format("%032d", 4));
        assertThat(result.getRecipients().get(1).getErrorCode()).isEqualTo("21211");
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");
    }

    @Test
    void lamlFanOutWhereEveryRequestFailsDefinitelyThrowsTheFirstFailure() {
        server.answering(r -> Answer.json(400, "{\"code\":21211,\"message\":\"The 'To' number is not valid.\","
                                               + "\"status\":400}"));

        Exchange exchange = send(laml("maxConcurrentRequests=2"), List.of("+4522334401", "+4522334402"));

        assertThat(exchange.getException()).isInstanceOf(SmsValidationException.class);
        assertThat(((SmsException) exchange.getException()).getProviderCode()).isEqualTo("21211");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void cpsmsChunkTwoOfThreeDroppedIsInDoubtAndChunkThreeIsNotSent() {
        server.answering(r -> cpsmsTo(r).contains("4522334403") ? Answer.dropped()
                : Answer.json(200, cpsmsSuccess(cpsmsTo(r))));

        Exchange exchange = send(cpsms("maxRecipientsPerRequest=2", "failOnPartialFailure=true"),
                List.of("4522334401", "4522334402", "4522334403", "4522334404", "4522334405"));

        assertThat(server.requests()).hasSize(2);
        assertThat(exchange.getException()).isInstanceOf(SmsPartialFailureException.class);
        SmsPartialFailureException e = (SmsPartialFailureException) exchange.getException();
        assertThat(e.isInDoubt()).isTrue();
        assertThat(statuses(e.getResult())).containsExactly("accepted", "accepted", SmsRecipientResult.IN_DOUBT,
                SmsRecipientResult.IN_DOUBT, SmsRecipientResult.NOT_SENT);
        assertThat(e.getResult().getRecipients().get(4).getErrorMessage()).contains("earlier request");
    }

    @Test
    void cpsmsHostileAnswerInAMiddleChunkIsInDoubtForThatChunkAndStopsTheSend() {
        server.answering(r -> cpsmsTo(r).contains("4522334403")
                ? Answer.json(200, "{\"success\":[{\"to\":\"4522334403\",\"cost\":1e999999}]}")
                : Answer.json(200, cpsmsSuccess(cpsmsTo(r))));

        Exchange exchange = send(cpsms("maxRecipientsPerRequest=2"),
                List.of("4522334401", "4522334402", "4522334403", "4522334404", "4522334405"));

        assertThat(exchange.getException()).isNull();
        assertThat(server.requests()).hasSize(2);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactly("4522334401",
                "4522334402", "4522334403", "4522334404", "4522334405");
        assertThat(statuses(result)).containsExactly("accepted", "accepted", SmsRecipientResult.IN_DOUBT,
                SmsRecipientResult.IN_DOUBT, SmsRecipientResult.NOT_SENT);
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(2);
    }
}
