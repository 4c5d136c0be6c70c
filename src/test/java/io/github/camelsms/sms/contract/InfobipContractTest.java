package io.github.camelsms.sms.contract;

import java.math.BigDecimal;
import java.util.List;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.simulator.InfobipSimulation;

/** Infobip against the provider contract (shared/reference/more-providers.md, section 2). */
class InfobipContractTest extends ProviderContractTest {

    static final String INFOBIP_KEY = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9";

    InfobipContractTest() {
        sim.infobip().addAccount(INFOBIP_KEY, new BigDecimal("100"));
    }

    @Override
    protected String provider() {
        return "infobip";
    }

    @Override
    protected String uri(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:infobip/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl("infobip")).append("&provider.apiKey=RAW(").append(INFOBIP_KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        // the account's base URL scoped to Infobip on the component too, as an application holding several providers does
        var options = context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions();
        options.put("infobip.apiKey", INFOBIP_KEY);
        options.put("infobip.baseUrl", sim.baseUrl("infobip"));
        return "sms:infobip/" + operation;
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(INFOBIP_KEY, "Not-the-key-1a2b");
    }

    // Infobip takes international numbers as digits, and reports them so
    @Override
    protected String number(int n) {
        return String.valueOf(41793026000L + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.infobip().account(INFOBIP_KEY).messages().stream().map(InfobipSimulation.SentMessage::to).toList();
    }

    @Override
    protected List<String> secrets() {
        return List.of(INFOBIP_KEY);
    }

    @Override
    protected void runOutOfCredit() {
        sim.infobip().account(INFOBIP_KEY).balance(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxRecipientsPerRequest=10" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("mediaUrl=RAW(https://example.com/a.png)", "encoding=UCS2",
                "messagingServiceSid=MG0123456789abcdef0123456789abcdef", "accountSid=AC0123456789abcdef0123456789abcdef");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url, "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")" };
    }

    // Infobip signs nothing on these URLs: its reports carry the webhookVerifyToken the send put in the delivery URL
    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:infobip/deliveryReports?path=" + path + "&webhookVerifyToken=RAW("
               + (rightSecret ? WEBHOOK_VERIFY_TOKEN : "Not-the-token-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return "Infobip documents no signature and no signed timestamp for the delivery URL a send names"
               + " (more-providers.md, 2.5)";
    }
}
