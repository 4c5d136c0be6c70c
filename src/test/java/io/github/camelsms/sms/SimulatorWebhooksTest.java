package io.github.camelsms.sms;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.simulator.LamlSimulation.InboundAnswer;
import io.github.camelsms.sms.simulator.LamlSimulation.WebhookStyle;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers against the simulator's providers as documented: a SignalWire project whose callbacks are signed with
 * its Signing Key (accepted only by a consumer with that key as secretKey) and UUID sids, and Twilio webhooks sent as
 * form POSTs, GETs and JSON POSTs with bodySHA256.
 */
class SimulatorWebhooksTest extends WebhookTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:signalwire/deliveryReports?path=/sw/status&secretKey=RAW(" + SIGNALWIRE_SIGNING_KEY + ")")
                        .to("mock:sw");
                from("sms:signalwire/deliveryReports?path=/sw/apitoken&secretKey=RAW(" + SIGNALWIRE_TOKEN + ")")
                        .to("mock:apitoken");
                from("sms:signalwire/inbound?path=/sw/in&secretKey=RAW(" + SIGNALWIRE_SIGNING_KEY + ")")
                        .to("mock:swin").setBody(simple("Got ${body.body}"));
                from("sms:twilio/deliveryReports?path=/tw/status&authToken=RAW(" + LAML_TOKEN + ")").to("mock:tw");
                from("sms:twilio/inbound?path=/tw/in&authToken=RAW(" + LAML_TOKEN + ")")
                        .to("mock:twin").setBody(simple("Got ${body.body}"));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(WebhookStyle.class)
    void signalwireCallbacksAreAcceptedOnlyWithTheSigningKey(WebhookStyle style) throws Exception {
        sim.laml().webhookStyle(style);
        MockEndpoint mock = getMockEndpoint("mock:sw");

        Exchange good = call(laml("signalwire", "send", "callbackUrl=" + local("/sw/status")), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        Exchange wrongKey = call(laml("signalwire", "send", "callbackUrl=" + local("/sw/apitoken")), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(good.getException()).isNull();
        assertThat(wrongKey.getException()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 4);
        assertThat(sim.callbackStatuses()).containsOnly(200, 403).filteredOn(s -> s == 403).hasSize(2);
        assertThat(getMockEndpoint("mock:apitoken").getExchanges()).isEmpty();
        String sid = good.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class).get(0).toString();
        assertThat(mock.getExchanges()).extracting(e -> e.getMessage().getBody(DeliveryReport.class))
                .allSatisfy(r -> assertThat(r.getMessageId()).isEqualTo(sid))
                .extracting(DeliveryReport::getStatus).contains(DeliveryStatus.DELIVERED);
    }

    @ParameterizedTest
    @EnumSource(WebhookStyle.class)
    void inboundMessagesOfEachStyleAreRoutedAndAnswered(WebhookStyle style) throws Exception {
        sim.laml().webhookStyle(style);

        InboundAnswer twilio = sim.laml().deliverInbound(local("/tw/in"), LAML_SID, "+4522334488", LAML_FROM, "Hej");
        InboundAnswer signalwire = sim.laml().deliverInbound(local("/sw/in"), SIGNALWIRE_PROJECT, "+4522334488",
                LAML_FROM, "Hallo");

        assertThat(twilio.status()).isEqualTo(200);
        assertThat(twilio.body()).contains("<Message>Got Hej</Message>");
        assertThat(signalwire.status()).isEqualTo(200);
        assertThat(signalwire.body()).contains("<Message>Got Hallo</Message>");
        assertThat(getMockEndpoint("mock:swin").getExchanges().get(0).getMessage().getBody(InboundSms.class)
                .getAccountSid()).isEqualTo(SIGNALWIRE_PROJECT);
    }

    @ParameterizedTest
    @EnumSource(WebhookStyle.class)
    void twilioStatusCallbacksOfEachStyleAreRouted(WebhookStyle style) throws Exception {
        sim.laml().webhookStyle(style);

        Exchange sent = call(laml("twilio", "send", "callbackUrl=" + local("/tw/status?tenant=a")), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));

        assertThat(sent.getException()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.callbackStatuses().size() == 2);
        assertThat(sim.callbackStatuses()).containsOnly(200);
        assertThat(getMockEndpoint("mock:tw").getExchanges())
                .extracting(e -> e.getMessage().getBody(DeliveryReport.class).getStatus())
                .contains(DeliveryStatus.DELIVERED);
    }
}
