package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Installs the Vonage oracle in every simulator this project's tests start (named in META-INF/services): each request
 * to Vonage's SMS or Account API is checked against Vonage's OpenAPI definitions ({@link VonageOpenApi}).
 */
public final class VonageOpenApiCheck implements RequestCheck {

    public VonageOpenApiCheck() {
        VonageOpenApi.get(); // parsed once per JVM, here rather than while a client waits for an answer
    }

    @Override
    public List<String> objections(RecordedRequest request) {
        return VonageOpenApi.isVonagePath(request.path()) ? VonageOpenApi.get().violations(request) : List.of();
    }
}
