package io.github.camelsms.sms.contract;

import java.math.BigDecimal;
import java.util.List;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.simulator.GatewayapiSimulation;

/** GatewayAPI against the provider contract (shared/reference/more-providers.md, section 5). */
class GatewayapiContractTest extends ProviderContractTest {

    private static final String TOKEN = "gwapi-T0ken-must-not-leak-7c";
    private static final String WEBHOOK_SECRET = "gwapi-Webhook-Auth-T0ken-3b";

    GatewayapiContractTest() {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("100")).authenticationToken(WEBHOOK_SECRET);
    }

    @Override
    protected String provider() {
        return "gatewayapi";
    }

    @Override
    protected String uri(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:gatewayapi/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl()).append("&provider.token=RAW(").append(TOKEN).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions()
                .put("gatewayapi.token", TOKEN);
        return "sms:gatewayapi/" + operation + "?baseUrl=" + sim.baseUrl();
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(TOKEN, "Not-the-gwapi-token-1a");
    }

    @Override
    protected String number(int n) {
        return "45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.gatewayapi().account(TOKEN).messages().stream().map(GatewayapiSimulation.SentMessage::msisdn)
                .toList();
    }

    // the webhook's authentication token is set on the consumers only, so a producer cannot know it to redact it
    @Override
    protected List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    protected void runOutOfCredit() {
        sim.gatewayapi().account(TOKEN).credit(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxRecipientsPerRequest=10" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("mediaUrl=RAW(https://example.com/a.png)", "accountSid=AC0123456789abcdef0123456789abcdef",
                "encoding=UTF-8", "webhookVerifyToken=RAW(not-for-a-send)");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:gatewayapi/deliveryReports?path=" + path + "&provider.authenticationToken=RAW("
               + (rightSecret ? WEBHOOK_SECRET : "Not-the-webhook-secret") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return "GatewayAPI's X-Gwapi-Signature JWT carries no exp or iat, and its time is when the status changed while"
               + " GatewayAPI retries for hours: a replay is a duplicate, dropped by the webhook memory";
    }
}
