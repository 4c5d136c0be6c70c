package io.github.camelsms.sms.webhook;

import io.github.camelsms.sms.spi.SmsWebhookEvent;

/**
 * What a consumer remembers about the webhooks it routed, so that each callback is routed once and no report is
 * routed after its message's final one. A callback counts as seen only once its route succeeded: a failed route
 * leaves it unseen, so that the provider's retry is routed.
 * <p>
 * Implementations make {@link #claim} atomic against concurrent claims of the same keys (in one JVM, or across
 * instances when the memory is shared). Each call holds one of the HTTP server's worker threads: it must answer
 * within a bound (answer {@link Claim#BUSY} rather than wait long).
 */
public interface SmsWebhookMemory {

    /** What the consumer does with a callback. */
    enum Claim {
        /** Not seen and not in flight: route it, then call {@link #routed} or {@link #failed}. */
        ROUTE,
        /** Routed before: answer as if routed, do not route again. */
        DUPLICATE,
        /** A non-final report of a message whose final report was routed: answer as if routed, do not route. */
        LATE,
        /**
         * Another copy of it (or its message's final report) is being routed right now: its outcome decides, so the
         * provider is asked to retry later.
         */
        IN_FLIGHT,
        /**
         * The memory cannot decide now (its store is slow, locked or already serving as many webhooks as it admits):
         * the provider is asked to retry later.
         */
        BUSY
    }

    /** Claims the event for routing (the event has a duplicate key). */
    Claim claim(SmsWebhookEvent event);

    /** The route handled a claimed event: its keys now count as seen. */
    void routed(SmsWebhookEvent event);

    /** The route failed on a claimed event: the claim is released and the event stays unseen. */
    void failed(SmsWebhookEvent event);
}
