package io.github.camelsms.sms.contract;

/** Twilio against the provider contract. */
class TwilioContractTest extends LamlContractTest {

    @Override
    protected String provider() {
        return "twilio";
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:twilio/deliveryReports?path=" + path + "&authToken=RAW("
               + (rightSecret ? LAML_TOKEN : "Not-the-auth-token") + ")";
    }
}
