package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * Checks each request the simulator receives, for example against a provider's published API spec. The simulator
 * finds implementations on the class path through {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/io.github.camelsms.sms.simulator.RequestCheck} naming them) and takes more with
 * {@link SmsSimulator#addRequestCheck}; {@link SmsSimulator#close()} fails with their objections.
 */
@FunctionalInterface
public interface RequestCheck {

    /** The objections to this request, empty when it is fine or not one this check looks at. */
    List<String> objections(RecordedRequest request);
}
