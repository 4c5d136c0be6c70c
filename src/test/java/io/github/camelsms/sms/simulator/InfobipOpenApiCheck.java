package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the Infobip oracle in every simulator this project's tests start (named in META-INF/services): each request
 * to the Infobip simulation is checked against the document written from Infobip's pages ({@link InfobipOpenApi}).
 */
public final class InfobipOpenApiCheck implements RequestCheck {

    public InfobipOpenApiCheck() {
        InfobipOpenApi.get();
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return InfobipOpenApi.isInfobipPath(request.path()) ? InfobipOpenApi.get().violations(request) : List.of();
    }
}
