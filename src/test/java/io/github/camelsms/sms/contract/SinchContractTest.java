package io.github.camelsms.sms.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SinchTestSupport;
import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.simulator.SinchSimulation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sinch against the provider contract (shared/reference/more-providers.md, section 4). */
class SinchContractTest extends ProviderContractTest {

    SinchContractTest() {
        SinchTestSupport.addSinchPlan(this);
    }

    @Override
    protected String provider() {
        return "sinch";
    }

    @Override
    protected String uri(String operation, String... options) {
        return SinchTestSupport.sinchUri(this, operation, options);
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        Map<String, Object> options = context.getComponent("sms", SmsComponent.class).getConfiguration()
                .getProviderOptions();
        options.put("sinch.servicePlanId", SinchTestSupport.PLAN);
        options.put("sinch.token", SinchTestSupport.SINCH_TOKEN);
        return "sms:sinch/" + operation + "?baseUrl=" + sim.baseUrl();
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(SinchTestSupport.SINCH_TOKEN, "Not-the-token-1a2b");
    }

    @Override
    protected String number(int n) {
        return "+45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.sinch().servicePlan(SinchTestSupport.PLAN).recipients();
    }

    @Override
    protected List<String> secrets() {
        return List.of(SinchTestSupport.SINCH_TOKEN);
    }

    @Override
    protected void runOutOfCredit() {
        assumeTrue(false, "Sinch documents no out-of-credit answer to a send: an account without credit is blocked"
                          + " (403 blocked_account, a ForbiddenException: SinchProviderTest) and its messages are"
                          + " reported with code 413");
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxRecipientsPerRequest=10" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("mediaUrl=RAW(https://example.com/a.png)", "flash=true", "encoding=UTF-8",
                "validityPeriod=600", "accountSid=AC0123456789abcdef0123456789abcdef");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:sinch/deliveryReports?path=" + path + "&validateSignature=true&provider.secretKey=RAW("
               + (rightSecret ? SinchTestSupport.HMAC_SECRET : "Not-the-secret-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return null;
    }

    @Override
    protected int postReplayedReport(String url) throws Exception {
        String body = "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"01FC66621XXXXX119Z8PMV1QPQ\","
                      + "\"recipient\":\"" + number(1) + "\",\"code\":0,\"status\":\"Delivered\","
                      + "\"at\":\"2026-01-01T10:00:00.000Z\"}";
        String nonce = "01FJA8B4A7BM43YGWSG9GBV067";
        String timestamp = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
        return postJson(url, body, Map.of("x-sinch-webhook-signature",
                SinchSimulation.sign(SinchTestSupport.HMAC_SECRET, body, nonce, timestamp),
                "x-sinch-webhook-signature-nonce", nonce, "x-sinch-webhook-signature-timestamp", timestamp,
                "x-sinch-webhook-signature-algorithm", "HmacSHA256")).statusCode();
    }
}
