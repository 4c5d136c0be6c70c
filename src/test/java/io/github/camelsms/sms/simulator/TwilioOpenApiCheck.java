package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the oracle in every simulator this project's tests start (named in META-INF/services): each LaML request
 * is checked against Twilio's OpenAPI spec. The published simulator does not carry it, nor the validator it needs.
 */
public final class TwilioOpenApiCheck implements RequestCheck {

    public TwilioOpenApiCheck() {
        TwilioOpenApi.get(); // parsed once per JVM, here rather than while a client waits for an answer
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return TwilioOpenApi.isLamlPath(request.path()) ? TwilioOpenApi.get().violations(request) : List.of();
    }
}
