package io.github.camelsms.sms.simulator;

import java.util.List;

/**
 * One provider's API on the simulator, written from that provider's documents. {@link SmsSimulator} gives each request
 * to the simulation registered with the longest prefix of the request's path, after recording it, putting it to the
 * request checks and applying any injected fault; adding a provider adds a simulation, not a branch in the dispatcher.
 * A simulation posts its webhooks (delivery reports, inbound messages) through the simulator
 * ({@link SmsSimulator#postWebhook}), which records them in {@link SmsSimulator#callbacks()} and repeats them as
 * {@link SmsSimulator#callbackRepeats} says.
 * <p>
 * The author of a provider outside camel-sms registers its simulation on each simulator with
 * {@link SmsSimulator#register(Simulation)}.
 */
public interface Simulation {

    /** The sms: provider name whose base URL this is (cpsms, twilio, ...). */
    String provider();

    /** The API's base path on the simulator ("" at the root): the provider's base URL is the simulator's plus this. */
    String basePath();

    /** The path prefixes whose requests this simulation answers. */
    List<String> pathPrefixes();

    /** Answers one request, as the provider would. */
    SimResponse handle(SimRequest request);
}
