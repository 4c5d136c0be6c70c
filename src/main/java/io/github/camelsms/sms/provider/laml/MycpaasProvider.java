package io.github.camelsms.sms.provider.laml;

import io.github.camelsms.sms.spi.SmsSettings;

/**
 * The mycpaas LaML API.
 */
public class MycpaasProvider extends LamlProvider {

    public static final String NAME = "mycpaas";
    public static final String DEFAULT_BASE_URL = "https://developer.mycpaas.io/api/laml/2010-04-01";

    @Override
    public String name() {
        return NAME;
    }

    /** The mycpaas documentation says nothing of signed webhooks. */
    @Override
    protected boolean signsWebhooks() {
        return false;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return DEFAULT_BASE_URL;
    }
}
