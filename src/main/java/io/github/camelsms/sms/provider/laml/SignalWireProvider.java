package io.github.camelsms.sms.provider.laml;

import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.http.SmsErrors;

/**
 * The SignalWire Compatibility (LaML) API of one space: https://{spaceUrl}/api/laml/2010-04-01.
 */
public class SignalWireProvider extends LamlProvider {

    public static final String NAME = "signalwire";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkConfiguration(SmsConfiguration configuration) {
        super.checkConfiguration(configuration);
        boolean noBaseUrl = configuration.getBaseUrl() == null || configuration.getBaseUrl().isBlank();
        if (noBaseUrl && (configuration.getSpaceUrl() == null || configuration.getSpaceUrl().isBlank())) {
            throw SmsErrors.invalid(NAME, configuration.getOperation(), "spaceUrl",
                    "the spaceUrl option is not set: use your SignalWire space, for example example.signalwire.com");
        }
    }

    @Override
    public String defaultBaseUrl(SmsConfiguration configuration) {
        String space = configuration.getSpaceUrl().strip().replaceFirst("^https?://", "").replaceFirst("/+$", "");
        return "https://" + space + "/api/laml/2010-04-01";
    }
}
