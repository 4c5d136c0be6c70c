package io.github.camelsms.sms.simulator;

/**
 * The LaML (Twilio-compatible) half of the simulator.
 */
public final class LamlSimulation {

    private final SmsSimulator simulator;

    LamlSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    SimResponse handle(SimRequest request) {
        return SimResponse.json(404, "{\"code\":20404,\"message\":\"Not found\",\"status\":404}");
    }
}
