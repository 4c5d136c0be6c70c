package io.github.camelsms.sms.webhook.signature;

import java.time.Clock;
import java.time.Duration;

/**
 * How far a signed timestamp may be from now, either way: a captured request cannot be replayed later, and a clock
 * that runs a little ahead or behind is tolerated.
 */
final class ReplayWindow {

    /** The window Vonage's and Telnyx's own verifiers use. */
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static final int MAX_DIGITS = 12;

    private final Clock clock;
    private final long seconds;

    ReplayWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.seconds = window.toSeconds();
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    long seconds() {
        return seconds;
    }

    /** Why the Unix time in seconds is refused (not a number, too old, in the future), or null when it is inside. */
    String refusal(String name, String epochSeconds) {
        if (epochSeconds == null || epochSeconds.isEmpty()) {
            return "the " + name + " is missing";
        }
        if (epochSeconds.length() > MAX_DIGITS || !epochSeconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "the " + name + " is not a Unix time in seconds";
        }
        return refusal(name, Long.parseLong(epochSeconds));
    }

    String refusal(String name, long epochSeconds) {
        long age = nowSeconds() - epochSeconds;
        if (age > seconds) {
            return "the " + name + " is more than " + seconds + " s old (a replay, or a clock behind)";
        }
        if (-age > seconds) {
            return "the " + name + " is more than " + seconds + " s in the future (a clock ahead)";
        }
        return null;
    }
}
