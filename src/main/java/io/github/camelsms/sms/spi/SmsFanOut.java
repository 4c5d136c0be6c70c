package io.github.camelsms.sms.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import io.github.camelsms.sms.SmsException;
import io.github.camelsms.sms.http.SmsErrors;
import io.github.camelsms.sms.http.SmsHttpRequest;
import io.github.camelsms.sms.http.SmsHttpResponse;
import io.github.camelsms.sms.http.SmsHttpTransport;

/**
 * Independent requests of one exchange (a LaML send to several recipients), at most a given number in flight. Each
 * "lane" sends one request at a time and takes the next when its answer arrives, on whatever thread delivered the
 * answer; no thread waits and no shared queue lets one exchange's requests wait behind another exchange's. Once Camel
 * is stopping (or the component closed its clients), no further request starts: the ones in flight end, the ones never
 * started are left {@code null} (not sent), so the exchange ends with its result while the route can still handle it.
 */
public final class SmsFanOut {

    private final List<SmsHttpRequest> requests;
    private final SmsHttpTransport transport;
    private final BooleanSupplier open;
    private final String provider;
    private final String operation;
    private final BiFunction<Integer, SmsHttpResponse, Object> onAnswer;
    private final Object[] outcomes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger lanesRunning = new AtomicInteger();
    private final CompletableFuture<SmsFanOut> done = new CompletableFuture<>();
    private volatile boolean stopped;

    SmsFanOut(List<SmsHttpRequest> requests, SmsHttpTransport transport, BooleanSupplier open, String provider,
              String operation, BiFunction<Integer, SmsHttpResponse, Object> onAnswer) {
        this.onAnswer = onAnswer;
        this.requests = requests;
        this.transport = transport;
        this.open = open;
        this.provider = provider;
        this.operation = operation;
        this.outcomes = new Object[requests.size()];
    }

    CompletableFuture<SmsFanOut> start(int concurrency) {
        int lanes = Math.max(1, Math.min(concurrency, requests.size()));
        lanesRunning.set(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            runLane();
        }
        return done;
    }

    /**
     * Sends requests one after the other until one is still in flight (its completion continues the lane) or none
     * is left. Looping rather than recursing keeps the stack flat when answers arrive at once (a closed client).
     */
    private void runLane() {
        while (true) {
            if (!open.getAsBoolean()) {
                stopped = true;
            }
            int i = stopped ? outcomes.length : next.getAndIncrement();
            if (i >= outcomes.length) {
                if (lanesRunning.decrementAndGet() == 0) {
                    done.complete(this);
                }
                return;
            }
            CompletableFuture<SmsHttpResponse> answer;
            try {
                answer = transport.send(requests.get(i), operation);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            if (!answer.isDone()) {
                answer.whenComplete((response, failure) -> {
                    record(i, response, failure);
                    runLane();
                });
                return;
            }
            answer.handle((response, failure) -> {
                record(i, response, failure);
                return null;
            });
        }
    }

    private void record(int i, SmsHttpResponse response, Throwable failure) {
        if (failure == null) {
            try {
                outcomes[i] = onAnswer.apply(i, response);
            } catch (SmsException e) {
                outcomes[i] = e;
            } catch (RuntimeException e) {
                outcomes[i] = SmsErrors.unreadable(provider, operation, requests.get(i), response,
                        SmsCall.unreadableValue(e));
            }
        } else if (failure instanceof SmsException e) {
            outcomes[i] = e;
        } else {
            outcomes[i] = SmsErrors.unexpected(provider, operation, requests.get(i),
                    failure instanceof RuntimeException r ? r : new RuntimeException(failure));
        }
        if (failure != null && !open.getAsBoolean()) {
            stopped = true;
        }
    }

    /**
     * For each request in input order: what {@code onAnswer} made of its answer (applied as each answer arrives, so
     * that the answers need not be held until the last one), the {@link SmsException} it failed with or that
     * {@code onAnswer} threw, or null when it was never sent because Camel was stopping.
     */
    public List<Object> outcomes() {
        return java.util.Arrays.asList(outcomes);
    }

    /** Whether Camel stopping cut the send short before every request had been sent. */
    public boolean stopped() {
        return stopped;
    }
}
