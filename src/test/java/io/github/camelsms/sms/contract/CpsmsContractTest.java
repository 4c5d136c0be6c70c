package io.github.camelsms.sms.contract;

import java.math.BigDecimal;
import java.util.List;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.simulator.CpsmsSimulation;

/** CPSMS against the provider contract (shared/reference/provider-apis.md, section 1). */
class CpsmsContractTest extends ProviderContractTest {

    @Override
    protected String provider() {
        return "cpsms";
    }

    @Override
    protected String uri(String operation, String... options) {
        return cpsms(operation, options);
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        SmsConfiguration configuration = context.getComponent("sms", SmsComponent.class).getConfiguration();
        configuration.setUsername(USER);
        configuration.setApiKey(API_KEY);
        return "sms:cpsms/" + operation + "?baseUrl=" + sim.baseUrl();
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return cpsms(operation).replace(API_KEY, "Not-the-key-1a2b");
    }

    @Override
    protected String number(int n) {
        return "45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.cpsms().account(USER).messages().stream().map(CpsmsSimulation.SentMessage::to).toList();
    }

    @Override
    protected List<String> secrets() {
        return List.of(API_KEY);
    }

    @Override
    protected void runOutOfCredit() {
        sim.cpsms().account(USER).credit(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxRecipientsPerRequest=10" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("mediaUrl=RAW(https://example.com/a.png)", "messagingServiceSid=MG0123456789abcdef0123456789abcdef",
                "validityPeriod=600", "accountSid=AC0123456789abcdef0123456789abcdef");
    }

    @Override
    protected String[] reportOptions(String url) {
        // a reference tells one message's reports from another's to the same number, so copies are dropped
        // (component doc, webhooks: "Retries and order")
        return new String[] { "callbackUrl=" + url, "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")",
                "reference=contract-1" };
    }

    // CPSMS signs nothing: its reports carry the webhookVerifyToken the send put in dlr_url
    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:cpsms/deliveryReports?path=" + path + "&webhookVerifyToken=RAW("
               + (rightSecret ? WEBHOOK_VERIFY_TOKEN : "Not-the-token-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return "CPSMS documents no signature and no timestamp for its delivery reports (provider-apis.md, 1.4)";
    }
}
