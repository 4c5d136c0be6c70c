package io.github.camelsms.sms;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SignalWire as it is: the Project ID (a UUID) is the account, message sids are UUIDs, and the API lives under
 * /api/laml/2010-04-01 of the space.
 */
class SignalWireTest extends SmsTestSupport {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String MESSAGES = "/api/laml/2010-04-01/Accounts/" + SIGNALWIRE_PROJECT + "/Messages";

    SignalWireTest() {
        sim.laml().statusDelay(Duration.ofMillis(20));
    }

    @Test
    void aProjectIdEndpointSendsReadsListsAndDeletes() {
        Exchange sent = call(laml("signalwire", "send"), "Hello", Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(sent.getException()).isNull();
        String sid = sent.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);
        assertThat(sid).matches(UUID);
        RecordedRequest post = sim.lastRequest();
        assertThat(post.path()).isEqualTo(MESSAGES + ".json");
        assertThat(post.basicUser()).isEqualTo(SIGNALWIRE_PROJECT);
        assertThat(post.form()).containsExactly(Map.entry("To", List.of("+4522334488")),
                Map.entry("From", List.of(LAML_FROM)), Map.entry("Body", List.of("Hello")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(SIGNALWIRE_PROJECT).messages().get(0)
                .status().equals("delivered"));

        Exchange read = call(laml("signalwire", "getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, sid));
        assertThat(read.getException()).isNull();
        assertThat(sim.lastRequest().path()).isEqualTo(MESSAGES + "/" + sid + ".json");
        SmsMessage message = read.getMessage().getBody(SmsMessage.class);
        assertThat(message.getSid()).isEqualTo(sid);
        assertThat(message.getAccountSid()).isEqualTo(SIGNALWIRE_PROJECT);
        assertThat(message.getStatus()).isEqualTo("delivered");

        Exchange listed = call(laml("signalwire", "listMessages"), null, Map.of());
        assertThat(listed.getException()).isNull();
        assertThat(listed.getMessage().getBody(List.class)).singleElement()
                .satisfies(m -> assertThat(((SmsMessage) m).getSid()).isEqualTo(sid));

        Exchange deleted = call(laml("signalwire", "deleteMessage"), null, Map.of(SmsConstants.MESSAGE_ID, sid));
        assertThat(deleted.getException()).isNull();
        assertThat(deleted.getMessage().getBody()).isEqualTo(sid);
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.lastRequest().path()).isEqualTo(MESSAGES + "/" + sid + ".json");
        assertThat(sim.laml().account(SIGNALWIRE_PROJECT).messages()).isEmpty();
    }

    @Test
    void twilioStyleSidsAreRefusedForSignalWireAndUuidsForTwilio() {
        SmsValidationException signalWire = failure(SmsValidationException.class, laml("signalwire", "getMessage"),
                null, Map.of(SmsConstants.MESSAGE_ID, "SM0123456789abcdef0123456789abcdef"));
        assertThat(signalWire.getField()).isEqualTo(SmsConstants.MESSAGE_ID);
        assertThat(signalWire.getMessage()).contains("not a signalwire message sid").contains("UUID");

        SmsValidationException twilio = failure(SmsValidationException.class, laml("twilio", "deleteMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, "3e0a4bd1-7a02-4a8c-9b6e-2c0d8f1a5e77"));
        assertThat(twilio.getMessage()).contains("not a twilio message sid").contains("SM or MM followed by 32 hex");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void anAccountSidIsNotAProjectId() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sw").to("sms:signalwire/send?accountSid=" + LAML_SID
                                     + "&authToken=t&spaceUrl=example.signalwire.com");
            }
        })).hasStackTraceContaining("is not a signalwire account id").hasStackTraceContaining("Project ID")
                .hasStackTraceContaining("UUID");
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tw").to("sms:twilio/send?accountSid=" + SIGNALWIRE_PROJECT + "&authToken=t");
            }
        })).hasStackTraceContaining("is not a twilio account id").hasStackTraceContaining("AC followed by 32 hex");
    }

    @Test
    void nextPageUriIsResolvedAgainstTheHostWithTheRealPrefix() {
        for (int i = 0; i < 5; i++) {
            call(laml("signalwire", "send"), "Message " + i, Map.of(SmsConstants.TO, "+452233448" + i));
        }
        sim.clearRequests();

        Exchange listed = call(laml("signalwire", "listMessages", "pageSize=2"), null, Map.of());

        assertThat(listed.getException()).isNull();
        assertThat(listed.getMessage().getBody(List.class)).hasSize(5);
        assertThat(sim.requests()).hasSize(3).allSatisfy(r -> assertThat(r.path()).isEqualTo(MESSAGES + ".json"));
        assertThat(sim.requests().get(2).queryParams()).containsEntry("Page", List.of("2"));
    }

    @Test
    void twilioPagesStayUnderItsOwnPrefix() {
        for (int i = 0; i < 3; i++) {
            call(laml("twilio", "send"), "Message " + i, Map.of(SmsConstants.TO, "+452233448" + i));
        }
        sim.clearRequests();

        Exchange listed = call(laml("twilio", "listMessages", "pageSize=1"), null, Map.of());

        assertThat(listed.getException()).isNull();
        assertThat(listed.getMessage().getBody(List.class)).hasSize(3);
        assertThat(sim.requests()).hasSize(3).allSatisfy(r -> assertThat(r.path())
                .isEqualTo("/2010-04-01/Accounts/" + LAML_SID + "/Messages.json"));
    }
}
