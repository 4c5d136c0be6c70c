package io.github.camelsms.sms.provider.laml;

import java.util.Set;

import io.github.camelsms.sms.spi.SmsSettings;

/**
 * The Twilio Programmable Messaging API (2010-04-01): Account SIDs AC..., message sids SM.../MM..., every sender kind
 * Twilio documents, Messaging Services, scheduling (only through a Messaging Service) and the account Balance.
 */
public class TwilioProvider extends LamlProvider {

    public static final String NAME = "twilio";
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com/2010-04-01";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String senderKinds() {
        return "an E.164 number (+15005550006), an alphanumeric sender ID (up to 11 letters, digits and spaces, at"
               + " least one letter), a short code (3 to 8 digits) or a channel address (whatsapp:+15005550006)";
    }

    @Override
    protected boolean acceptsAlphanumericSender() {
        return true;
    }

    @Override
    protected boolean acceptsShortCodeSender() {
        return true;
    }

    @Override
    protected Set<String> channels() {
        return Set.of("whatsapp");
    }

    @Override
    protected boolean supportsMessagingService() {
        return true;
    }

    @Override
    protected boolean supportsScheduling() {
        return true;
    }

    @Override
    protected int maxValidityPeriod() {
        return 36000;
    }

    @Override
    protected boolean supportsSmartEncoded() {
        return true;
    }

    @Override
    protected boolean supportsShortenUrls() {
        return true;
    }

    @Override
    protected boolean supportsSendAsMms() {
        return true;
    }

    @Override
    protected boolean hasBalance() {
        return true;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return DEFAULT_BASE_URL;
    }
}
