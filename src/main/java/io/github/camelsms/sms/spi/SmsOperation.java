package io.github.camelsms.sms.spi;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One producer operation of a provider: the handler that performs it and the endpoint options and {@code CamelSms*}
 * headers it honours, beyond the kit's generic options and the provider's own ({@link SmsProvider#options()}). The
 * endpoint refuses every other option set on it, and the producer every other input header, before any request.
 */
public final class SmsOperation {

    private final Function<SmsCall, CompletableFuture<?>> handler;
    private final Set<String> options;
    private final Set<String> headers;

    private SmsOperation(Function<SmsCall, CompletableFuture<?>> handler, Set<String> options, Set<String> headers) {
        this.handler = handler;
        this.options = options;
        this.headers = headers;
    }

    /**
     * An operation performed by the handler: it validates everything before sending anything (throwing
     * {@link io.github.camelsms.sms.exception.SmsValidationException} at once), sends through {@link SmsCall} without blocking,
     * and completes the future with the new message body or fails it with an {@link io.github.camelsms.sms.exception.SmsException}.
     */
    public static SmsOperation of(Function<SmsCall, CompletableFuture<?>> handler) {
        return new SmsOperation(handler, Set.of(), Set.of());
    }

    /** This operation also honouring the endpoint options of these names. */
    public SmsOperation options(String... names) {
        return new SmsOperation(handler, union(options, List.of(names)), headers);
    }

    /** This operation also honouring these options when the condition holds (a feature the provider documents). */
    public SmsOperation optionsIf(boolean condition, String... names) {
        return condition ? options(names) : this;
    }

    /** This operation also honouring these headers (the {@link io.github.camelsms.sms.spi.SmsHeaders} names). */
    public SmsOperation headers(String... names) {
        return new SmsOperation(handler, options, union(headers, List.of(names)));
    }

    /** This operation also honouring these headers when the condition holds. */
    public SmsOperation headersIf(boolean condition, String... names) {
        return condition ? headers(names) : this;
    }

    public Set<String> options() {
        return options;
    }

    public Set<String> headers() {
        return headers;
    }

    /** Performs the operation for one exchange. */
    public CompletableFuture<?> execute(SmsCall call) {
        return handler.apply(call);
    }

    private static Set<String> union(Set<String> current, List<String> more) {
        Set<String> all = new LinkedHashSet<>(current);
        all.addAll(more);
        return Collections.unmodifiableSet(all);
    }
}
