package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the Telnyx oracle in every simulator this project's tests start (named in META-INF/services): each request
 * to the Telnyx API is checked against the schema written from Telnyx's documents ({@link TelnyxOpenApi}).
 */
public final class TelnyxOpenApiCheck implements RequestCheck {

    public TelnyxOpenApiCheck() {
        TelnyxOpenApi.get();
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return TelnyxOpenApi.isTelnyxPath(request.path()) ? TelnyxOpenApi.get().violations(request) : List.of();
    }
}
