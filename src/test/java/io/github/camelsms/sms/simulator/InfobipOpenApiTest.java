package io.github.camelsms.sms.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Infobip oracle itself: it passes what the documents allow and objects to what they do not. */
class InfobipOpenApiTest {

    private static final String SEND = "/infobip/sms/3/messages";
    private static final String GOOD = "{\"messages\":[{\"sender\":\"InfoSMS\",\"destinations\":[{\"to\":\"41793026727\","
                                       + "\"messageId\":\"m-1\"}],\"content\":{\"text\":\"Hi\"},\"options\":"
                                       + "{\"validityPeriod\":{\"amount\":10,\"timeUnit\":\"MINUTES\"}}}],"
                                       + "\"options\":{\"schedule\":{\"bulkId\":\"b-1\","
                                       + "\"sendAt\":\"2026-12-24T18:00:00.000+0000\"}}}";

    private static List<String> send(String authorization, String body) {
        return InfobipOpenApi.get().violations(new RecordedRequest("POST", SEND, null,
                Map.of("authorization", authorization, "content-type", "application/json"), body, null,
                Instant.now()));
    }

    @Test
    void aDocumentedSendConforms() {
        assertThat(send("App 003026bbc133714df1834b8638bb496e-8f4b3d9a", GOOD)).isEmpty();
    }

    @Test
    void objectsToWhatTheDocumentsDoNotAllow() {
        String key = "App k-1";
        assertThat(send("Basic dXNlcjpwYXNz", GOOD)).as("another scheme than App").isNotEmpty();
        assertThat(send(key, GOOD.replace("\"destinations\"", "\"destination\""))).as("misspelt field").isNotEmpty();
        assertThat(send(key, GOOD.replace("41793026727", "+41793026727"))).as("a + in to").isNotEmpty();
        assertThat(send(key, GOOD.replace("2026-12-24T18:00:00.000+0000", "2026-12-24T18:00:00Z")))
                .as("an ISO instant for sendAt").isNotEmpty();
        assertThat(send(key, GOOD.replace("MINUTES", "DAYS"))).as("an undocumented time unit").isNotEmpty();
        assertThat(send(key, "{\"messages\":[]}")).as("no message").isNotEmpty();
    }

    @Test
    void checksCancelAndBalance() {
        Map<String, String> headers = Map.of("authorization", "App k-1", "content-type", "application/json");
        assertThat(InfobipOpenApi.get().violations(new RecordedRequest("PUT", "/infobip/sms/1/bulks/status",
                "bulkId=b-1", headers, "{\"status\":\"CANCELED\"}", null, Instant.now()))).isEmpty();
        assertThat(InfobipOpenApi.get().violations(new RecordedRequest("PUT", "/infobip/sms/1/bulks/status", null,
                headers, "{\"status\":\"CANCELLED\"}", null, Instant.now()))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(InfobipOpenApi.get().violations(new RecordedRequest("GET", "/infobip/account/1/balance", null,
                Map.of("authorization", "App k-1"), "", null, Instant.now()))).isEmpty();
    }

    @Test
    void checksWebhookBodies() {
        String report = "{\"results\":[{\"bulkId\":\"b\",\"messageId\":\"m\",\"to\":\"41793026727\","
                        + "\"sentAt\":\"2019-11-09T16:00:00.000+0000\",\"doneAt\":\"2019-11-09T16:00:00.000+0000\","
                        + "\"status\":{\"groupId\":3,\"groupName\":\"DELIVERED\",\"id\":5,"
                        + "\"name\":\"DELIVERED_TO_HANDSET\"}}]}";
        assertThat(InfobipOpenApi.get().webhookViolations(false, report)).isEmpty();
        assertThat(InfobipOpenApi.get().webhookViolations(false, report.replace("\"messageId\":\"m\",", "")))
                .isNotEmpty();
        assertThat(InfobipOpenApi.get().webhookViolations(true, "{\"results\":[{\"messageId\":\"1\",\"from\":\"385916242493\","
                + "\"to\":\"385921004026\",\"text\":\"QUIZ Paris\",\"receivedAt\":\"2016-10-06T09:28:39.220+0000\"}],"
                + "\"messageCount\":1,\"pendingMessageCount\":0}")).isEmpty();
    }
}
