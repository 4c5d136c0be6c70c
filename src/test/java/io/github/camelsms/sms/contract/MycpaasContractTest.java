package io.github.camelsms.sms.contract;

/** mycpaas against the provider contract; its documents say nothing of signed webhooks. */
class MycpaasContractTest extends LamlContractTest {

    @Override
    protected String provider() {
        return "mycpaas";
    }

    // no signature documented: the status callback carries the webhookVerifyToken the send added to it
    @Override
    protected String[] reportOptions(String url) {
        return new String[] { "callbackUrl=" + url, "webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")" };
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:mycpaas/deliveryReports?path=" + path + "&webhookVerifyToken=RAW("
               + (rightSecret ? WEBHOOK_VERIFY_TOKEN : "Not-the-token-9z") + ")";
    }

    @Override
    protected String noReplayProtection() {
        return "mycpaas documents no webhook signature and no timestamp";
    }
}
