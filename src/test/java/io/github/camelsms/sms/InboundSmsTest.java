package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.camelsms.sms.model.InboundSms;
import io.github.camelsms.sms.model.SmsReply;
import io.github.camelsms.sms.simulator.LamlSimulation.InboundAnswer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound SMS end to end: the simulator posts a signed inbound webhook to the consumer, the route's reply comes back
 * as LaML XML.
 */
class InboundSmsTest extends WebhookTestSupport {

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:twilio/inbound?path=/sms/in/text&authToken=RAW(" + AUTH_TOKEN + ")")
                        .to("mock:text")
                        .setBody(simple("Thanks & welcome, we got <${body.body}>"));
                from("sms:twilio/inbound?path=/sms/in/media&authToken=RAW(" + AUTH_TOKEN + ")")
                        .to("mock:media")
                        .setBody(constant(SmsReply.media("Your ticket", "https://example.com/ticket.png")));
                from("sms:mycpaas/inbound?path=/sms/in/silent")
                        .to("mock:silent");
                from("sms:twilio/inbound?path=/sms/in/forged&authToken=RAW(another-token)")
                        .to("mock:forged");
            }
        };
    }

    @Test
    void aStringReplyBecomesALamlMessageAndTheRouteGetsTheInboundSms() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:text");
        mock.expectedMessageCount(1);

        InboundAnswer answer = sim.laml().deliverInbound(local("/sms/in/text"), ACCOUNT_SID, "+4522334488",
                "+4570200000", "Hej");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/xml");
        assertThat(answer.body()).isEqualTo(XML + "<Response><Message>Thanks &amp; welcome, we got &lt;Hej&gt;"
                                            + "</Message></Response>");
        mock.assertIsSatisfied();
        var message = mock.getExchanges().get(0).getMessage();
        InboundSms sms = message.getBody(InboundSms.class);
        assertThat(sms.getProvider()).isEqualTo("twilio");
        assertThat(sms.getFrom()).isEqualTo("+4522334488");
        assertThat(sms.getTo()).isEqualTo("+4570200000");
        assertThat(sms.getBody()).isEqualTo("Hej");
        assertThat(sms.getMessageId()).startsWith("SM");
        assertThat(sms.getAccountSid()).isEqualTo(ACCOUNT_SID);
        assertThat(sms.getNumMedia()).isZero();
        assertThat(message.getHeader(SmsConstants.FROM)).isEqualTo("+4522334488");
        assertThat(message.getHeader(SmsConstants.TO)).isEqualTo("+4570200000");
        assertThat(message.getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(sms.getMessageId());
    }

    @Test
    void anMmsReachesTheRouteWithItsMediaAndAReplyObjectCarriesMedia() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:media");
        mock.expectedMessageCount(1);

        InboundAnswer answer = sim.laml().deliverInbound(local("/sms/in/media"), ACCOUNT_SID, "+4522334488",
                "+4570200000", "", "https://media.example.com/a.jpg", "https://media.example.com/b.jpg");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(XML + "<Response><Message><Body>Your ticket</Body>"
                                            + "<Media>https://example.com/ticket.png</Media></Message></Response>");
        mock.assertIsSatisfied();
        InboundSms sms = mock.getExchanges().get(0).getMessage().getBody(InboundSms.class);
        assertThat(sms.getProvider()).isEqualTo("twilio");
        assertThat(sms.getBody()).isEmpty();
        assertThat(sms.getNumMedia()).isEqualTo(2);
        assertThat(sms.getMediaUrls()).containsExactly("https://media.example.com/a.jpg",
                "https://media.example.com/b.jpg");
        assertThat(sms.getMediaContentTypes()).containsExactly("image/jpeg", "image/jpeg");
    }

    @Test
    void noReplyGivesAnEmptyResponseAndMycpaasNeedsNoSignatureByDefault() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:silent");
        mock.expectedMessageCount(1);

        HttpResponse<String> answer = post(local("/sms/in/silent"),
                params("MessageSid", sid(1), "From", "+4522334488", "To", "+4570200000", "Body", "STOP"), Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/xml"));
        assertThat(answer.body()).isEqualTo(XML + "<Response/>");
        assertThat(answer.headers().map()).doesNotContainKeys("Body", "From", "MessageSid");
        mock.assertIsSatisfied();
    }

    @Test
    void forgedInboundGets403AndNothingIsRouted() throws Exception {
        getMockEndpoint("mock:forged").expectedMessageCount(0);
        getMockEndpoint("mock:text").expectedMessageCount(0);

        InboundAnswer wrongToken = sim.laml().deliverInbound(local("/sms/in/forged"), ACCOUNT_SID, "+4522334488",
                "+4570200000", "Hi");
        HttpResponse<String> unsigned = post(local("/sms/in/text"),
                params("MessageSid", sid(2), "From", "+4522334488", "Body", "Hi"), Map.of());
        HttpResponse<String> forged = postSigned(local("/sms/in/text"),
                params("MessageSid", sid(3), "From", "+4522334488", "Body", "Hi"), "guessed");

        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(wrongToken.body()).doesNotContain("Response");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aRepeatedInboundMessageIsRoutedOnce() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:text");
        mock.expectedMessageCount(1);
        Map<String, String> form = params("MessageSid", sid(4), "From", "+4522334488", "To", "+4570200000",
                "Body", "Hi");

        HttpResponse<String> first = postSigned(local("/sms/in/text"), form, AUTH_TOKEN);
        HttpResponse<String> retry = postSigned(local("/sms/in/text"), form, AUTH_TOKEN);

        assertThat(first.body()).contains("<Message>");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(XML + "<Response/>");
        mock.assertIsSatisfied();
    }

    @Test
    void anInboundPostWithoutFromGets400() throws Exception {
        getMockEndpoint("mock:silent").expectedMessageCount(0);

        HttpResponse<String> answer = post(local("/sms/in/silent"), params("MessageSid", sid(5), "Body", "x"),
                Map.of());

        assertThat(answer.statusCode()).isEqualTo(400);
        MockEndpoint.assertIsSatisfied(context);
    }
}
