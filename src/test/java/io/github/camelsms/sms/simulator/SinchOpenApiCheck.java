package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the Sinch oracle in every simulator this project's tests start (named in META-INF/services): each request
 * to Sinch's API paths is checked against the schema written from Sinch's documents.
 */
public final class SinchOpenApiCheck implements RequestCheck {

    public SinchOpenApiCheck() {
        SinchOpenApi.get();
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return SinchOpenApi.isSinchPath(request.path()) ? SinchOpenApi.get().violations(request) : List.of();
    }
}
