package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the GatewayAPI oracle in every simulator this project's tests start (named in META-INF/services): each
 * request to a GatewayAPI path is checked against the document written from GatewayAPI's pages.
 */
public final class GatewayapiOpenApiCheck implements RequestCheck {

    public GatewayapiOpenApiCheck() {
        GatewayapiOpenApi.get();
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return GatewayapiOpenApi.isGatewayapiPath(request.path()) ? GatewayapiOpenApi.get().violations(request)
                : List.of();
    }
}
