package io.github.camelsms.sms.provider.laml;

import io.github.camelsms.sms.SmsConfiguration;

/**
 * The twilio LaML API.
 */
public class TwilioProvider extends LamlProvider {

    public static final String NAME = "twilio";
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com/2010-04-01";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl(SmsConfiguration configuration) {
        return DEFAULT_BASE_URL;
    }
}
