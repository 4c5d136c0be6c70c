package io.github.camelsms.sms.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.simulator.VonageSimulation;
import io.github.camelsms.sms.simulator.VonageSimulation.SignatureMethod;

/** Vonage's SMS API against the provider contract (shared/reference/more-providers.md, section 1). */
class VonageContractTest extends ProviderContractTest {

    static final String KEY = "a1b2c3d4";
    static final String SECRET = "V0nageS3cret-7h6g";
    static final String SIGNATURE_SECRET = "V0nageS1gnature-5f4e";

    VonageContractTest() {
        sim.vonage().addAccount(KEY, SECRET, new BigDecimal("100")).signatureSecret(SIGNATURE_SECRET,
                SignatureMethod.HMAC_SHA256);
        sim.vonage().callbackDelay(java.time.Duration.ofMillis(20));
    }

    @Override
    protected String provider() {
        return "vonage";
    }

    @Override
    protected String uri(String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:vonage/").append(operation).append("?baseUrl=")
                .append(sim.baseUrl("vonage")).append("&provider.apiKey=RAW(").append(KEY)
                .append(")&provider.secret=RAW(").append(SECRET).append(')');
        if (operation.equals("send")) {
            uri.append("&from=CamelSms");
        }
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        Map<String, Object> options = context.getComponent("sms", SmsComponent.class).getConfiguration()
                .getProviderOptions();
        options.put("vonage.apiKey", KEY);
        options.put("vonage.secret", SECRET);
        return "sms:vonage/" + operation + "?baseUrl=" + sim.baseUrl("vonage") + "&from=CamelSms";
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(SECRET, "Not-the-secret-1a2b");
    }

    // Vonage answers wrong credentials with status 4 in an HTTP 200 (developer.vonage.com/en/api-errors/sms)
    @Override
    protected int authenticationFailureStatus() {
        return 200;
    }

    @Override
    protected String number(int n) {
        return "44770" + (1000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.vonage().account(KEY).messages().stream().map(VonageSimulation.SentMessage::to).toList();
    }

    @Override
    protected List<String> secrets() {
        return List.of(KEY, SECRET);
    }

    @Override
    protected void runOutOfCredit() {
        sim.vonage().account(KEY).balance(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxConcurrentRequests=2" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("mediaUrl=RAW(https://example.com/a.png)", "messagingServiceSid=MG0123456789abcdef0123456789abcdef",
                "accountSid=AC0123456789abcdef0123456789abcdef", "maxRecipientsPerRequest=10", "flash=true",
                "encoding=UTF-8");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url, "reference=contract-1" };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:vonage/deliveryReports?path=" + path + "&validateSignature=true&provider.signatureMethod=sha256"
               + "&provider.secretKey=RAW(" + (rightSecret ? SIGNATURE_SECRET : "Not-the-signature-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return null;
    }

    /** A receipt signed right whose signed timestamp is ten minutes old (Vonage's SDKs allow five). */
    @Override
    protected int postReplayedReport(String url) throws Exception {
        Map<String, String> receipt = params("msisdn", number(1), "to", "CamelSms", "messageId", "0A00000012345670",
                "status", "delivered", "err-code", "0", "api-key", KEY, "message-timestamp", "2026-01-01 12:00:00",
                "timestamp", String.valueOf(Instant.now().minusSeconds(600).getEpochSecond()),
                "nonce", "ec11dd3e-1e7f-4db5-9467-82b02cd223b9");
        receipt.put("sig", VonageSimulation.sign(receipt, SIGNATURE_SECRET, SignatureMethod.HMAC_SHA256));
        return post(url, receipt, Map.of()).statusCode();
    }
}
