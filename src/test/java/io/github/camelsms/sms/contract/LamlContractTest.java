package io.github.camelsms.sms.contract;

import java.util.List;

import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.simulator.LamlSimulation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the LaML family's members share in the provider contract (shared/reference/provider-apis.md, 2 and 4). */
abstract class LamlContractTest extends ProviderContractTest {

    protected String accountSid() {
        return LAML_SID;
    }

    protected String secret() {
        return LAML_TOKEN;
    }

    @Override
    protected String uri(String operation, String... options) {
        return laml(provider(), operation, options);
    }

    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        SmsConfiguration configuration = context.getComponent("sms", SmsComponent.class).getConfiguration();
        configuration.setAccountSid(accountSid());
        configuration.setAuthToken(secret());
        return "sms:" + provider() + "/" + operation + "?baseUrl=" + sim.baseUrl(provider()) + "&from=RAW(" + LAML_FROM
               + ")";
    }

    @Override
    protected String uriWithWrongCredentials(String operation) {
        return uri(operation).replace("authToken=RAW(" + secret() + ")", "authToken=RAW(Not-the-token-1a2b)");
    }

    @Override
    protected String number(int n) {
        return "+45" + (20000000 + n);
    }

    @Override
    protected List<String> acceptedBySimulation() {
        return sim.laml().account(accountSid()).messages().stream().map(LamlSimulation.Message::to).toList();
    }

    @Override
    protected List<String> secrets() {
        return List.of(secret());
    }

    @Override
    protected void runOutOfCredit() {
        assumeTrue(false, provider() + ": the reference documents no out-of-credit answer to a send for the LaML"
                          + " family (provider-apis.md, the credit/balance row), so the simulation has none");
    }

    @Override
    protected String[] bulkOptions() {
        return new String[] { "maxConcurrentRequests=4" };
    }

    @Override
    protected List<String> foreignOptions() {
        return List.of("reference=order-1", "flash=true", "encoding=UCS2");
    }

    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url };
    }

    @Override
    protected String noReplayProtection() {
        return provider() + " signs the URL and parameters without a timestamp (X-Twilio-Signature, HMAC-SHA1), so"
               + " its documents offer no replay window";
    }
}
