package io.github.camelsms.sms.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * A fault the simulator injects into the next matching request.
 *
 * @param kind       what happens
 * @param delay      how long to wait before answering (DELAY) or before the fault acts
 * @param status     the status to answer (STATUS)
 * @param body       the body to answer (STATUS)
 * @param headers    extra response headers (STATUS)
 * @param pathPrefix only requests whose path starts with this match; null matches every request
 */
public record Fault(Kind kind, Duration delay, int status, String body, Map<String, String> headers,
        String pathPrefix) {

    public enum Kind {
        /** Wait, then handle the request normally. */
        DELAY,
        /** Close the connection without reading the request body or handling it. */
        DROP_BEFORE_HANDLING,
        /** Handle the request (a send is carried out), then close the connection without an answer. */
        DROP_AFTER_HANDLING,
        /** Answer with the given status, headers and body without handling the request. */
        STATUS
    }

    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, delay, 0, null, Map.of(), null);
    }

    public static Fault dropBeforeHandling() {
        return new Fault(Kind.DROP_BEFORE_HANDLING, Duration.ZERO, 0, null, Map.of(), null);
    }

    public static Fault dropAfterHandling() {
        return new Fault(Kind.DROP_AFTER_HANDLING, Duration.ZERO, 0, null, Map.of(), null);
    }

    public static Fault status(int status, String body) {
        return new Fault(Kind.STATUS, Duration.ZERO, status, body, Map.of("Content-Type", "application/json"), null);
    }

    public static Fault status(int status, String body, Map<String, String> headers) {
        return new Fault(Kind.STATUS, Duration.ZERO, status, body, headers, null);
    }

    /** A 429 with Retry-After in seconds. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return status(429, "{\"error\":{\"code\":429,\"message\":\"Too many requests\"},\"code\":20429,"
                           + "\"message\":\"Too many requests\",\"status\":429}",
                Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** The same fault, only for requests whose path starts with the prefix. */
    public Fault onPath(String prefix) {
        return new Fault(kind, delay, status, body, headers, prefix);
    }

    boolean matches(String path) {
        return pathPrefix == null || path.startsWith(pathPrefix);
    }
}
