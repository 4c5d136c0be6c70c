package io.github.camelsms.sms;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 9: the same number written three ways is one recipient. Each number is sent to once, in the order of
 * its first occurrence, and the result lists what was merged.
 */
@Timeout(30)
class DuplicateRecipientsTest extends SmsTestSupport {

    private static final List<String> SAME_NUMBER_THREE_WAYS
            = List.of("+4522334488", "0045 22 33 44 88", "+4522334499", "+45 2233 4488");

    @Test
    void lamlSendsOneRequestPerNumber() {
        Exchange exchange = call(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, SAME_NUMBER_THREE_WAYS));

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> sends = sim.requests(r -> r.method().equals("POST"));
        assertThat(sends).extracting(r -> r.formValue("To")).containsExactlyInAnyOrder("+4522334488", "+4522334499");

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo)
                .containsExactly("+4522334488", "+4522334499");
        assertThat(result.getAcceptedCount()).isEqualTo(2);
        assertThat(result.getMergedRecipients())
                .containsExactly(Map.entry("+4522334488", List.of("+4522334488", "0045 22 33 44 88", "+45 2233 4488")));
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(2);
        assertThat(result.toString()).contains("merged");
    }

    @Test
    void lamlSendsASingleRequestWhenEveryNumberIsTheSame() {
        Exchange exchange = call(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488, 0045 22 33 44 88"));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests(r -> r.method().equals("POST"))).singleElement()
                .satisfies(r -> assertThat(r.formValue("To")).isEqualTo("+4522334488"));
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class)).startsWith("SM");
        assertThat(exchange.getMessage().getBody(SmsSendResult.class).getMergedRecipients())
                .containsOnlyKeys("+4522334488");
    }

    @Test
    void cpsmsNamesEachNumberOnceInTo() {
        Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO,
                List.of("4522334488", "+4522334488", "0045 22 33 44 88", "4522334499", "+45 2233 4488")));

        assertThat(exchange.getException()).isNull();
        JsonNode to = sim.lastRequest().json().get("to");
        assertThat(to.isArray()).isTrue();
        assertThat(to).extracting(JsonNode::asText).containsExactly("4522334488", "4522334499");
        assertThat(sim.cpsms().account(USER).messages()).hasSize(2);

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo)
                .containsExactly("4522334488", "4522334499");
        assertThat(result.getMergedRecipients()).containsExactly(Map.entry("4522334488",
                List.of("4522334488", "+4522334488", "0045 22 33 44 88", "+45 2233 4488")));
    }

    @Test
    void cpsmsChunksCountEachNumberOnce() {
        Exchange exchange = call(cpsms("send", "maxRecipientsPerRequest=1"), "Hi",
                Map.of(SmsConstants.TO, List.of("4522334488", "+45 22 33 44 88")));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.requestsTo("/send")).singleElement()
                .satisfies(r -> assertThat(r.json().get("to").asText()).isEqualTo("4522334488"));
    }
}
