package io.github.camelsms.sms.provider.laml;

import java.util.Set;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsErrors;

/**
 * The SignalWire Compatibility (LaML) API of one space: https://{spaceUrl}/api/laml/2010-04-01. The account is the
 * Project ID and message sids are UUIDs; senders are the project's numbers or short codes; ValidityPeriod and
 * MaxPrice are documented, scheduling and Messaging Services are not.
 */
public class SignalWireProvider extends LamlProvider {

    public static final String NAME = "signalwire";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("accountSid", "authToken", "spaceUrl");
    }

    @Override
    protected boolean isAccountId(String id) {
        return UUID.matcher(id).matches();
    }

    @Override
    protected String accountIdDescription() {
        return "the Project ID, a UUID such as ea108133-d6b3-407c-9536-9fad8a929a6a, shown under API in your"
               + " SignalWire space (the API token, PT..., is the authToken)";
    }

    @Override
    protected boolean isMessageId(String sid) {
        return UUID.matcher(sid).matches();
    }

    @Override
    protected String messageIdDescription() {
        return "a UUID such as 3e0a4bd1-7a02-4a8c-9b6e-2c0d8f1a5e77";
    }

    /** SignalWire signs webhooks with the project's Signing Key, not with the API token. */
    @Override
    protected boolean signsWithSigningKey() {
        return true;
    }

    @Override
    protected String senderKinds() {
        return "one of your SignalWire numbers in E.164 (+15005550006) or a short code (3 to 8 digits)";
    }

    @Override
    protected boolean acceptsShortCodeSender() {
        return true;
    }

    @Override
    protected int maxValidityPeriod() {
        return 172800;
    }

    @Override
    protected boolean supportsMaxPrice() {
        return true;
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        super.checkConfiguration(configuration);
        boolean noBaseUrl = configuration.getBaseUrl() == null || configuration.getBaseUrl().isBlank();
        if (noBaseUrl && (configuration.getSpaceUrl() == null || configuration.getSpaceUrl().isBlank())) {
            throw SmsErrors.invalid(NAME, configuration.getOperation(), "spaceUrl",
                    "the spaceUrl option is not set: use your SignalWire space, for example example.signalwire.com");
        }
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        String space = configuration.getSpaceUrl().strip().replaceFirst("^https?://", "").replaceFirst("/+$", "");
        return "https://" + space + "/api/laml/2010-04-01";
    }
}
