package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LaML signature joins names and values without separators, so a value can swallow the parameters after it and
 * keep a valid signature. The consumers refuse (400) ids that do not have the provider's documented shape, so a
 * shifted request cannot route a second report under a made-up sid.
 */
class LamlWebhookIdsTest extends WebhookTestSupport {

    private static final String SID = "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String PATH = "/sms/twilio/ids";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:twilio/deliveryReports?path=" + PATH + "&authToken=RAW(" + AUTH_TOKEN + ")")
                        .to("mock:twilio");
                from("sms:mycpaas/inbound?path=/sms/mycpaas/in").to("mock:mycpaas");
            }
        };
    }

    @Test
    void aShiftedMessageSidKeepsItsSignatureButIsRefusedWith400() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");
        Map<String, String> original = statusCallback();
        String signature = LamlSignature.sign(AUTH_TOKEN, local(PATH), original);
        Map<String, String> shifted = new LinkedHashMap<>(original);
        shifted.remove("MessageStatus");
        shifted.put("MessageSid", SID + "MessageStatus" + "delivered");
        // the attack works on the signature: Twilio's own validator accepts the shifted request
        assertThat(new RequestValidator(AUTH_TOKEN).validate(local(PATH), shifted, signature)).isTrue();

        HttpResponse<String> first = post(local(PATH), original, Map.of("X-Twilio-Signature", signature));
        HttpResponse<String> attack = post(local(PATH), shifted, Map.of("X-Twilio-Signature", signature));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(attack.statusCode()).isEqualTo(400);
        assertThat(attack.body()).contains("MessageSid").doesNotContain(AUTH_TOKEN);
        assertThat(mock.getExchanges()).hasSize(1);
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SID);
    }

    @Test
    void aShiftedAccountSidOrDisagreeingSidsAreRefused() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");
        Map<String, String> original = statusCallback();
        String signature = LamlSignature.sign(AUTH_TOKEN, local(PATH), original);
        Map<String, String> shiftedAccount = new LinkedHashMap<>(original);
        shiftedAccount.remove("ApiVersion");
        shiftedAccount.put("AccountSid", ACCOUNT_SID + "ApiVersion" + "2010-04-01");
        Map<String, String> disagreeing = new LinkedHashMap<>(original);
        disagreeing.put("SmsSid", sid(0xb));

        HttpResponse<String> account = post(local(PATH), shiftedAccount, Map.of("X-Twilio-Signature", signature));
        HttpResponse<String> twoSids = postSigned(local(PATH), disagreeing, AUTH_TOKEN);

        assertThat(account.statusCode()).isEqualTo(400);
        assertThat(account.body()).contains("AccountSid");
        assertThat(twoSids.statusCode()).isEqualTo(400);
        assertThat(mock.getExchanges()).isEmpty();
    }

    @Test
    void unsignedMycpaasWebhooksAreCheckedToo() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mycpaas");

        HttpResponse<String> bad = post(local("/sms/mycpaas/in"),
                params("MessageSid", "SM1", "From", "+4522334488", "Body", "Hi"), Map.of());
        HttpResponse<String> uuid = post(local("/sms/mycpaas/in"),
                params("MessageSid", "ea108133-d6b3-407c-9536-9fad8a929a6a", "From", "+4522334488", "Body", "Hi"),
                Map.of());
        HttpResponse<String> good = post(local("/sms/mycpaas/in"),
                params("MessageSid", "MM0123456789ABCDEF0123456789abcdef", "From", "+4522334488", "Body", "Hi"),
                Map.of());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(uuid.statusCode()).isEqualTo(400);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(mock.getExchanges()).hasSize(1);
    }

    private static Map<String, String> statusCallback() {
        return params("AccountSid", ACCOUNT_SID, "ApiVersion", "2010-04-01", "From", "+4570200000",
                "MessageSid", SID, "MessageStatus", "delivered", "SmsSid", SID, "SmsStatus", "delivered",
                "To", "+4522334488");
    }
}
