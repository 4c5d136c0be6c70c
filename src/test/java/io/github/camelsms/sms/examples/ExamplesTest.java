package io.github.camelsms.sms.examples;

import java.util.List;

import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each example file the way the README's main command does, against the simulator.
 */
class ExamplesTest {

    @Test
    void cpsmsSendYaml() throws Exception {
        List<RecordedRequest> requests = run("file:examples/routes/cpsms-send.yaml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/send", "/creditvalue");
        assertThat(requests.get(0).json().get("to")).hasSize(2);
        assertThat(requests.get(0).json().get("from").asText()).isEqualTo("CamelShop");
        assertThat(requests.get(0).json().get("reference").asText()).isEqualTo("order-1042");
    }

    @Test
    void cpsmsGroupsXml() throws Exception {
        List<RecordedRequest> requests = run("file:examples/routes/cpsms-groups.xml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/addgroup", "/addcontact",
                "/addcontact", "/listcontacts/11963", "/sendgroup");
        assertThat(requests.get(4).json().get("to_group").asInt()).isEqualTo(11963);
    }

    @Test
    void mycpaasSendYaml() throws Exception {
        List<RecordedRequest> requests = run("file:examples/routes/mycpaas-send.yaml");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo("/Accounts/" + ExamplesRunner.ACCOUNT_SID + "/Messages.json");
        assertThat(requests.get(0).formValue("To")).isEqualTo("+4522334488");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).path()).startsWith("/Accounts/" + ExamplesRunner.ACCOUNT_SID + "/Messages/SM");
    }

    @Test
    void deliveryReportsYaml() throws Exception {
        ExamplesRunner.Outcome outcome = outcome("file:examples/routes/delivery-reports.yaml");
        assertThat(outcome.requests()).extracting(RecordedRequest::path).containsExactly("/send");
        String dlrUrl = outcome.requests().get(0).json().get("dlr_url").asText();
        assertThat(dlrUrl).matches("http://127\\.0\\.0\\.1:\\d+/sms/cpsms/dlr\\?reference=parcel-7731&callbackToken="
                                   + ExamplesRunner.CALLBACK_TOKEN);
        // one report per recipient, each accepted by the example's consumer
        assertThat(outcome.callbackStatuses()).containsExactly(200, 200);
    }

    @Test
    void autoReplyYaml() throws Exception {
        ExamplesRunner.Outcome outcome = outcome("file:examples/routes/auto-reply.yaml");
        assertThat(outcome.inboundReplies()).hasSize(1);
        assertThat(outcome.inboundReplies().get(0).status()).isEqualTo(200);
        assertThat(outcome.inboundReplies().get(0).body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Thanks for your message!")
                .endsWith("</Message></Response>");
    }

    private static List<RecordedRequest> run(String pattern) throws Exception {
        return outcome(pattern).requests();
    }

    private static ExamplesRunner.Outcome outcome(String pattern) throws Exception {
        try (SmsSimulator simulator = SmsSimulator.start()) {
            ExamplesRunner.Outcome outcome = ExamplesRunner.run(simulator, pattern);
            assertThat(outcome.failedExchanges()).as("failed exchanges").isZero();
            return outcome;
        }
    }
}
