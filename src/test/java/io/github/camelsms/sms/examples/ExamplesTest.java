package io.github.camelsms.sms.examples;

import java.util.List;

import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.simulator.SmsSimulator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each example file the way the README's main command does, against the simulator, and checks what the
 * simulator received.
 */
class ExamplesTest {

    private static final String MESSAGES = "/Accounts/" + ExamplesRunner.ACCOUNT_SID + "/Messages.json";

    @Test
    void cpsmsSendYaml() throws Exception {
        List<RecordedRequest> requests = run("cpsms-send.yaml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/send", "/creditvalue");
        assertThat(requests.get(0).json().get("to")).hasSize(2);
        assertThat(requests.get(0).json().get("from").asText()).isEqualTo("CamelShop");
        assertThat(requests.get(0).json().get("reference").asText()).isEqualTo("order-1042");
    }

    @Test
    void vonageSendYamlFansOutWithTheCredentialsOnTheComponent() throws Exception {
        List<RecordedRequest> requests = run("vonage-send.yaml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/sms/json", "/sms/json",
                "/account/get-balance");
        assertThat(requests).allSatisfy(r -> assertThat(r.basicUser()).isEqualTo(ExamplesRunner.VONAGE_API_KEY));
        assertThat(requests.subList(0, 2)).extracting(r -> r.formValue("to"))
                .containsExactlyInAnyOrder("447700900001", "447700900002");
        assertThat(requests.get(0).formValue("client-ref")).isEqualTo("order-1042");
    }

    @Test
    void gatewayapiSendYaml() throws Exception {
        List<RecordedRequest> requests = run("gatewayapi-send.yaml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/rest/mtsms", "/rest/me");
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Token " + ExamplesRunner.GATEWAYAPI_TOKEN);
        assertThat(requests.get(0).json().get("recipients")).extracting(r -> r.get("msisdn").asLong())
                .containsExactly(4522334488L, 4522334499L);
        assertThat(requests.get(0).json().get("sender").asText()).isEqualTo("CamelShop");
        assertThat(requests.get(0).json().get("userref").asText()).isEqualTo("order-1042");
    }

    @Test
    void singleSendJava() throws Exception {
        List<RecordedRequest> requests = run("SingleSend.java");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/send");
            assertThat(r.json().get("to")).extracting(n -> n.asText()).containsExactly("4522339901", "4522339902");
            assertThat(r.json().get("from").asText()).isEqualTo("CamelJava");
        });
    }

    @Test
    void mycpaasSendYaml() throws Exception {
        List<RecordedRequest> requests = run("mycpaas-send.yaml");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo(MESSAGES);
        assertThat(requests.get(0).formValue("To")).isEqualTo("+4522334488");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).path()).startsWith("/Accounts/" + ExamplesRunner.ACCOUNT_SID + "/Messages/SM");
    }

    @Test
    void signalWireSendYamlUsesTheProjectIdAndUuidSids() throws Exception {
        List<RecordedRequest> requests = run("signalwire-send.yaml");
        String messages = "/Accounts/" + ExamplesRunner.SIGNALWIRE_PROJECT_ID + "/Messages";
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path()).isEqualTo(messages + ".json");
        assertThat(requests.get(0).basicUser()).isEqualTo(ExamplesRunner.SIGNALWIRE_PROJECT_ID);
        assertThat(requests.get(0).form()).containsEntry("ValidityPeriod", List.of("3600"))
                .containsEntry("MaxPrice", List.of("0.05")).containsEntry("From", List.of("+4570200000"));
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).path())
                .matches(messages + "/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.json");
    }

    @Test
    void infobipSendYamlNamesTheBulkAndLooksTheMessageUpByItsId() throws Exception {
        List<RecordedRequest> requests = run("infobip-send.yaml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/infobip/sms/3/messages",
                "/infobip/sms/3/logs", "/infobip/account/1/balance");
        assertThat(requests.get(0).header("Authorization")).isEqualTo("App " + ExamplesRunner.INFOBIP_API_KEY);
        assertThat(requests.get(0).json().at("/options/schedule/bulkId").asText()).isEqualTo("booking-2931");
        assertThat(requests.get(0).json().at("/messages/0/destinations/0/messageId").asText())
                .isEqualTo("booking-2931-1");
        assertThat(requests.get(1).query()).isEqualTo("messageId=booking-2931-1");
    }

    @Test
    void telnyxSendYamlSendsWithTheKeyFromTheComponentThenReadsTheMessageAndTheBalance() throws Exception {
        List<RecordedRequest> requests = run("telnyx-send.yaml");
        assertThat(requests).extracting(r -> r.method() + " " + r.path().replaceAll("[0-9a-f-]{36}", "{id}"))
                .containsExactly("POST /v2/messages", "GET /v2/messages/{id}", "GET /v2/balance");
        assertThat(requests).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Bearer " + ExamplesRunner.TELNYX_API_KEY));
        assertThat(requests.get(0).json().get("to").asText()).isEqualTo("+4522334488");
    }

    @Test
    void sinchSendYamlSendsOneScheduledBatchReadsAndCancelsIt() throws Exception {
        List<RecordedRequest> requests = run("sinch-send.yaml");
        String batches = "/xms/v1/" + ExamplesRunner.SINCH_SERVICE_PLAN_ID + "/batches";
        assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "GET", "DELETE");
        assertThat(requests.get(0).path()).isEqualTo(batches);
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer " + ExamplesRunner.SINCH_API_TOKEN);
        assertThat(requests.get(0).json().get("to")).hasSize(2);
        assertThat(requests.get(0).json().get("client_reference").asText()).isEqualTo("booking-19-30");
        String batch = requests.get(1).path();
        assertThat(batch).startsWith(batches + "/");
        assertThat(requests.get(2).path()).isEqualTo(batch);
    }

    @Test
    void twilioScheduledSendYamlSchedulesThroughTheMessagingServiceAndCancels() throws Exception {
        List<RecordedRequest> requests = run("twilio-scheduled-send.yaml");
        assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "POST");
        assertThat(requests.get(0).path()).isEqualTo(MESSAGES);
        assertThat(requests.get(0).form()).containsEntry("ScheduleType", List.of("fixed"))
                .containsEntry("MessagingServiceSid", List.of(ExamplesRunner.MESSAGING_SERVICE_SID))
                .doesNotContainKey("From");
        java.time.Instant sendAt = java.time.Instant.parse(requests.get(0).formValue("SendAt"));
        assertThat(sendAt).isAfter(java.time.Instant.now().plusSeconds(7000));
        assertThat(requests.get(1).path()).startsWith("/Accounts/" + ExamplesRunner.ACCOUNT_SID + "/Messages/SM");
        assertThat(requests.get(1).form()).containsExactly(java.util.Map.entry("Status", List.of("canceled")));
    }

    @Test
    void bulkSendYamlSendsOnePerCsvLine() throws Exception {
        List<RecordedRequest> requests = run("bulk-send.yaml");
        assertThat(requests).hasSize(5).allSatisfy(r -> assertThat(r.path()).isEqualTo("/send"));
        assertThat(requests).extracting(r -> r.json().get("to").asText()).containsExactlyInAnyOrder(
                "4522001001", "4522001002", "4522001003", "4522001004", "4522001005");
        assertThat(requests).extracting(r -> r.json().get("message").asText())
                .contains("Hi Ann, the spring sale starts tomorrow.");
    }

    @Test
    void bulkSendXmlFansOutThroughMycpaas() throws Exception {
        List<RecordedRequest> requests = run("bulk-send.xml");
        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.path()).isEqualTo(MESSAGES));
        assertThat(requests).extracting(r -> r.formValue("To"))
                .containsExactlyInAnyOrder("+4522004001", "+4522004002", "+4522004003");
    }

    @Test
    void scheduledSendAndCancelXmlAndYaml() throws Exception {
        for (String file : List.of("scheduled-send.xml", "scheduled-send.yaml")) {
            List<RecordedRequest> requests = run(file);
            assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "DELETE");
            long timestamp = requests.get(0).json().get("timestamp").asLong();
            assertThat(timestamp).isGreaterThan(java.time.Instant.now().plusSeconds(7000).getEpochSecond());
            String reference = requests.get(0).json().get("reference").asText();
            assertThat(requests.get(1).path()).isEqualTo("/deletesms/" + reference);
        }
    }

    @Test
    void groupsXml() throws Exception {
        List<RecordedRequest> requests = run("cpsms-groups.xml");
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/addgroup", "/addcontact",
                "/addcontact", "/listcontacts/11963", "/sendgroup");
        assertThat(requests.get(4).json().get("to_group").asInt()).isEqualTo(11963);
    }

    @Test
    void groupsYaml() throws Exception {
        List<RecordedRequest> requests = run("cpsms-groups.yaml");
        assertThat(requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /addgroup", "POST /addcontact", "PUT /updatecontact", "DELETE /deletecontact/11963/4522335501",
                "PUT /updategroup", "GET /listgroups", "DELETE /deletegroup/11963");
    }

    @Test
    void failoverYamlAndJavaFallBackToMycpaasWhenCpsmsHasNoCredit() throws Exception {
        for (String file : List.of("failover.yaml", "Failover.java")) {
            ListAppender<ILoggingEvent> log = new ListAppender<>();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            log.start();
            root.addAppender(log);
            List<RecordedRequest> requests;
            try {
                requests = run(file);
            } finally {
                root.detachAppender(log);
            }
            assertThat(requests).extracting(RecordedRequest::path).containsExactly("/send", MESSAGES);
            assertThat(requests.get(0).basicUser()).isEqualTo("failover-demo");
            // the expected failure is logged as what it is: a warning that says it fails over, no error, no stack trace
            assertThat(log.list).as(file + ": errors logged").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
            assertThat(log.list).as(file).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("HTTP 402").endsWith("failing over to mycpaas");
                assertThat(e.getThrowableProxy()).isNull();
            });
        }
    }

    @Test
    void idempotentSendYamlSendsOnce() throws Exception {
        List<RecordedRequest> requests = run("idempotent-send.yaml");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.json().get("message").asText())
                .isEqualTo("Order order-7 has shipped."));
    }

    @Test
    void deliveryReportsYaml() throws Exception {
        ExamplesRunner.Outcome outcome = outcome("delivery-reports.yaml");
        assertThat(outcome.requests()).extracting(RecordedRequest::path).containsExactly("/send");
        String dlrUrl = outcome.requests().get(0).json().get("dlr_url").asText();
        assertThat(dlrUrl).matches("http://127\\.0\\.0\\.1:\\d+/sms/cpsms/dlr\\?reference=parcel-7731&webhookVerifyToken="
                                   + ExamplesRunner.WEBHOOK_VERIFY_TOKEN);
        // one report per recipient, each accepted by the example's consumer
        assertThat(outcome.callbackStatuses()).containsExactly(200, 200);
    }

    @Test
    void autoReplyYaml() throws Exception {
        ExamplesRunner.Outcome outcome = outcome("auto-reply.yaml");
        assertThat(outcome.inboundReplies()).hasSize(1);
        assertThat(outcome.inboundReplies().get(0).status()).isEqualTo(200);
        assertThat(outcome.inboundReplies().get(0).body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Thanks for your message!")
                .endsWith("</Message></Response>");
    }

    private static List<RecordedRequest> run(String file) throws Exception {
        return outcome(file).requests();
    }

    private static ExamplesRunner.Outcome outcome(String file) throws Exception {
        try (SmsSimulator simulator = SmsSimulator.start()) {
            ExamplesRunner.Outcome outcome = ExamplesRunner.run(simulator, "file:examples/routes/" + file);
            assertThat(outcome.failedExchanges()).as("failed exchanges").isZero();
            return outcome;
        }
    }
}
