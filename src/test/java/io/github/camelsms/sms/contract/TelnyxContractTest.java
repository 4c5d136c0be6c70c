package io.github.camelsms.sms.contract;

import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.simulator.TelnyxSimulation;

/** Telnyx Messaging v2 against the provider contract (shared/reference/more-providers.md, section 3). */
class TelnyxContractTest extends ProviderContractTest {

    static final String TELNYX_KEY = "KEY0190ABCDEF_telnyx-Api-Key-must-not-leak";
    static final String TELNYX_FROM = "+4570200000";

    TelnyxContractTest() {
        sim.telnyx().addAccount(TELNYX_KEY).balance(new BigDecimal("1000"));
        sim.telnyx().statusDelay(Duration.ofMillis(20));
    }

    @Override
    protected String provider() {
        return "telnyx";
    }

    @Override
    protected String uri(String operation, String... options) {
        StringBuilder uri = new StringBuilder(uriWithoutKey(operation)).append("&provider.apiKey=RAW(")
                .append(TELNYX_KEY).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    private String uriWithoutKey(String operation) {
        return "sms:telnyx/" + operation + "?baseUrl=" + sim.baseUrl("telnyx")
               + (operation.equals("send") ? "&from=RAW(" + TELNYX_FROM + ")" : "");
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions()
                .put("telnyx.apiKey", TELNYX_KEY);
        return uriWithoutKey(operation);
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace(TELNYX_KEY, "KEY-not-the-key-1a2b");
    }

    @Override
    protected String number(int n) {
        return "+45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.telnyx().account(TELNYX_KEY).messages().stream().map(TelnyxSimulation.Message::to).toList();
    }

    @Override
    protected List<String> secrets() {
        return List.of(TELNYX_KEY);
    }

    @Override
    protected void runOutOfCredit() {
        sim.telnyx().account(TELNYX_KEY).balance(BigDecimal.ZERO);
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxConcurrentRequests=2" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("accountSid=AC0123456789abcdef0123456789abcdef", "username=tester", "apiKey=RAW(cpsms-key)",
                "reference=ref-1", "flash=true", "validityPeriod=600", "mediaUrl=RAW(https://example.com/a.png)",
                "provider.authToken=RAW(t)");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        String key = rightSecret ? sim.telnyx().account(TELNYX_KEY).publicKey() : anotherPublicKey();
        return "sms:telnyx/deliveryReports?path=" + path + "&provider.publicKey=RAW(" + key + ")";
    }

    @Override
    protected String noReplayProtection() {
        return null;
    }

    /** A report Telnyx signed correctly six minutes ago: outside the five-minute window. */
    @Override
    protected int postReplayedReport(String url) throws Exception {
        TelnyxSimulation.Account account = sim.telnyx().account(TELNYX_KEY);
        String body = "{\"data\":{\"event_type\":\"message.finalized\",\"id\":\"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\","
                      + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"record_type\":\"event\",\"payload\":{\"id\":"
                      + "\"40385f64-5717-4562-b3fc-2c963f66afa6\",\"direction\":\"outbound\",\"to\":[{\"phone_number\":"
                      + "\"" + number(1) + "\",\"status\":\"delivered\"}],\"errors\":[]}}}";
        String timestamp = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        return postJson(url, body, Map.of("telnyx-signature-ed25519", account.sign(timestamp, body),
                "telnyx-timestamp", timestamp)).statusCode();
    }

    static String anotherPublicKey() {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32,
                    encoded.length));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
