package io.github.camelsms.sms.contract;

import java.util.List;

import io.github.camelsms.sms.SmsComponent;

/** SignalWire against the provider contract: a project, its API token, webhooks signed with its Signing Key. */
class SignalWireContractTest extends LamlContractTest {

    @Override
    protected String provider() {
        return "signalwire";
    }

    @Override
    protected String accountSid() {
        return SIGNALWIRE_PROJECT;
    }

    @Override
    protected String secret() {
        return SIGNALWIRE_TOKEN;
    }

    @Override
    protected List<String> secrets() {
        return List.of(SIGNALWIRE_TOKEN, SIGNALWIRE_SIGNING_KEY);
    }

    // the Signing Key too: a secret the component was given is one it must keep out of every text
    @Override
    protected String uriWithCredentialsOnComponent(String operation) {
        context.getComponent("sms", SmsComponent.class).getConfiguration().setSecretKey(SIGNALWIRE_SIGNING_KEY);
        return super.uriWithCredentialsOnComponent(operation);
    }

    @Override
    protected String deliveryReports(String path, boolean rightSecret) {
        return "sms:signalwire/deliveryReports?path=" + path + "&secretKey=RAW("
               + (rightSecret ? SIGNALWIRE_SIGNING_KEY : "PSK_not-the-signing-key") + ")";
    }
}
