package com.example.acmesms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.contract.ProviderContractTest;

/** Acme SMS passes camel-sms's provider contract, as every built-in provider does. */
class AcmeContractTest extends ProviderContractTest {

    static final String KEY_ID = "key-7f3a";
    static final String SECRET_KEY = "acme-S3cret-must-not-leak";

    private final AcmeSimulation acme = new AcmeSimulation(sim);

    AcmeContractTest() {
        sim.register(acme);
        acme.addAccount(KEY_ID, SECRET_KEY, new BigDecimal("100"));
    }

    @Override
    protected String provider() {
        return "acme";
    }

    @Override
    protected String uri(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:acme/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl("acme")).append("&provider.keyId=").append(KEY_ID)
                .append("&provider.secretKey=RAW(").append(SECRET_KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        Map<String, Object> options = context.getComponent("sms", SmsComponent.class).getConfiguration()
                .getProviderOptions();
        options.put("acme.keyId", KEY_ID);
        options.put("acme.secretKey", SECRET_KEY);
        return "sms:acme/" + operation + "?baseUrl=" + sim.baseUrl("acme");
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(SECRET_KEY, "Not-the-secret-1a2b");
    }

    @Override
    protected String number(int n) {
        return "+45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return acme.account(KEY_ID).sentTo();
    }

    @Override
    protected List<String> secrets() {
        return List.of(SECRET_KEY);
    }

    @Override
    protected void runOutOfCredit() {
        acme.account(KEY_ID).credit(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "provider.batchSize=10" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("flash=true", "reference=order-1", "accountSid=AC0123456789abcdef0123456789abcdef",
                "maxRecipientsPerRequest=10", "provider.apiKey=RAW(not-ours)");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:acme/deliveryReports?path=" + path + "&provider.secretKey=RAW("
               + (rightSecret ? SECRET_KEY : "Not-the-secret-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return null; // Acme signs a timestamp
    }

    @Override
    protected int postReplayedReport(String url) throws Exception {
        String body = "{\"id\":\"msg-1\",\"to\":\"" + number(1) + "\",\"status\":\"delivered\"}";
        long anHourAgo = Instant.now().getEpochSecond() - 3600;
        return postJson(url, body, Map.of("Acme-Signature", AcmeSimulation.signature(SECRET_KEY, anHourAgo, body)))
                .statusCode();
    }
}
