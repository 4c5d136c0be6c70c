package com.example.acmesms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SmsConstants;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.SmsTestSupport;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers Acme's documents do not allow stay inside camel-sms's taxonomy (DESIGN rules 8 and 9). */
class AcmeHostileAnswersTest extends SmsTestSupport {

    private static final String SECRET = "acme-Hostile-s3cret-4k";

    AcmeHostileAnswersTest() {
        AcmeSimulation acme = new AcmeSimulation(sim);
        sim.register(acme);
        acme.addAccount("key-1", SECRET, new BigDecimal("10"));
    }

    @Test
    void anAnswerThatContradictsItselfOrNamesOtherNumbersLeavesTheNumbersSentInDoubt() {
        sim.inject(Fault.status(200, "{\"results\":[{\"to\":\"+4520000001\",\"id\":\"msg-1\",\"status\":\"queued\"},"
                                     + "{\"to\":\"+4520000001\",\"error\":{\"code\":\"invalid_number\"}},"
                                     + "{\"to\":\"+4599999999\",\"id\":\"msg-9\",\"status\":\"queued\"}]}"));

        Exchange exchange = call(uri("send"), "Hello", Map.of(SmsConstants.TO, List.of("+4520000001",
                "+4520000002")));

        assertThat(exchange.getException()).isNull();
        List<SmsRecipientResult> results = exchange.getMessage().getBody(SmsSendResult.class).getRecipients();
        assertThat(results).extracting(SmsRecipientResult::getTo, SmsRecipientResult::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("+4520000001", SmsRecipientResult.IN_DOUBT),
                org.assertj.core.groups.Tuple.tuple("+4520000002", SmsRecipientResult.IN_DOUBT));
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void anAbsurdCreditIsAnUnreadableAnswer() {
        sim.inject(Fault.status(200, "{\"credit\":\"1e999999999\",\"currency\":\"EUR\"}"));

        SmsProviderException e = failure(SmsProviderException.class, uri("credit"), null, Map.of());

        assertThat(e.getProvider()).isEqualTo("acme");
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("credit");
    }

    private String uri(String operation) {
        return "sms:acme/" + operation + "?baseUrl=" + sim.baseUrl("acme") + "&provider.keyId=key-1"
               + "&provider.secretKey=RAW(" + SECRET + ")";
    }
}
