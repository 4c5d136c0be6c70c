package io.github.camelsms.sms.spi;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.text.SmsText;

/**
 * One send to many recipients as requests of one or more recipients each, merged into one result in input order.
 * <p>
 * Each "lane" sends one request at a time and takes the next group when its answer arrives, on whatever thread
 * delivered the answer: no thread waits, and no shared queue lets one exchange's requests wait behind another's. A
 * group's answer is read into its recipients' results as it arrives. A failed request's recipients are in doubt or
 * failed (as its exception says); the groups never started are not-sent: because Camel was stopping (or the component
 * closed its clients), or because an earlier request failed and the batch stops at the first failure.
 */
final class SmsBatchSend {

    private static final String STOPPING = "not sent: Camel was stopping before this request could start";

    private final SmsCall call;
    private final SmsBatch batch;
    private final List<String> numbers;
    private final SmsRecipientResult[] results;
    private final int groups;
    private final AtomicInteger nextGroup = new AtomicInteger();
    private final AtomicInteger lanesRunning = new AtomicInteger();
    private final CompletableFuture<SmsBatchSend> done = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile SmsHttpResponse lastAnswer;
    private int firstFailedGroup = Integer.MAX_VALUE;
    private SmsException firstFailure;

    SmsBatchSend(SmsCall call, List<String> numbers, SmsBatch batch) {
        this.call = call;
        this.batch = batch;
        this.numbers = numbers;
        this.results = new SmsRecipientResult[numbers.size()];
        this.groups = (numbers.size() + batch.groupSize - 1) / batch.groupSize;
    }

    /** Completes when every group has ended or will never start; never fails. */
    CompletableFuture<SmsBatchSend> start() {
        int lanes = Math.max(1, Math.min(batch.concurrency, groups));
        lanesRunning.set(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            runLane();
        }
        return done;
    }

    /**
     * Sends group after group until one is still in flight (its completion continues the lane) or none is left.
     * Looping rather than recursing keeps the stack flat when answers arrive at once (a closed client).
     */
    private void runLane() {
        while (true) {
            if (!call.canSend()) {
                stopped = true;
            }
            int g = stopped || batch.stopAtFirstFailure && firstFailure() != null ? groups
                    : nextGroup.getAndIncrement();
            if (g >= groups) {
                if (lanesRunning.decrementAndGet() == 0) {
                    done.complete(this);
                }
                return;
            }
            int from = g * batch.groupSize;
            int to = Math.min(numbers.size(), from + batch.groupSize);
            SmsHttpRequest request;
            CompletableFuture<SmsHttpResponse> answer;
            try {
                request = batch.request(numbers, from, to);
            } catch (RuntimeException e) {
                fail(g, from, to, e instanceof SmsException s ? s
                        : SmsErrors.unexpected(call.provider(), call.operation(), null, e));
                continue;
            }
            try {
                answer = call.transport().send(request, call.operation());
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            if (!answer.isDone()) {
                answer.whenComplete((response, failure) -> {
                    record(g, from, to, request, response, failure);
                    runLane();
                });
                return;
            }
            answer.whenComplete((response, failure) -> record(g, from, to, request, response, failure));
        }
    }

    private void record(int g, int from, int to, SmsHttpRequest request, SmsHttpResponse response,
                        Throwable failure) {
        SmsException e = failure == null ? read(from, to, request, response) : failureOf(request, failure);
        if (e != null) {
            fail(g, from, to, e);
        }
    }

    /** Marks numbers[from, to) failed (in doubt or not, as the exception says) with their group's failure. */
    private void fail(int g, int from, int to, SmsException e) {
        String code = e.getProviderCode() != null ? e.getProviderCode() : String.valueOf(e.getStatusCode());
        for (int i = from; i < to; i++) {
            results[i] = SmsRecipientResult.failed(numbers.get(i), e.isInDoubt(), code, e.getMessage());
        }
        synchronized (this) {
            if (g < firstFailedGroup) {
                firstFailedGroup = g;
                firstFailure = e;
            }
        }
        if (!call.canSend()) {
            stopped = true;
        }
    }

    private synchronized SmsException firstFailure() {
        return firstFailure;
    }

    /**
     * Reads a 2xx answer into the group's results, one per number sent in its order; returns the exception that fails
     * the group instead (the reader's, or unreadable when it throws anything else or accounts otherwise), or null.
     */
    private SmsException read(int from, int to, SmsHttpRequest request, SmsHttpResponse response) {
        try {
            if (!batch.read(numbers, from, to, request, response, results)) {
                return SmsErrors.unreadable(call.provider(), call.operation(), request, response,
                        "an answer that does not account for each number sent");
            }
        } catch (SmsException e) {
            return e;
        } catch (RuntimeException e) {
            return SmsErrors.unreadable(call.provider(), call.operation(), request, response,
                    SmsCall.unreadableValue(e));
        }
        lastAnswer = response;
        call.answered(response);
        return null;
    }

    private SmsException failureOf(SmsHttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof SmsException e ? e : SmsErrors.unexpected(call.provider(), call.operation(), request,
                cause instanceof RuntimeException r ? r : new RuntimeException(cause));
    }

    /**
     * The send's result: one entry per number in input order, then the skipped ones. Thrown instead: the stop's
     * {@link io.github.camelsms.sms.exception.SmsPartialFailureException} when Camel cut the send short, or the first failure
     * itself when no request was answered and it alone tells the story (it was the only request, or nothing is in
     * doubt: nothing was sent).
     */
    SmsSendResult finish(SmsRecipients recipients, SmsText text) {
        SmsException failure = firstFailure();
        String notSent = stopped || failure == null ? STOPPING
                : "not sent because an earlier request of this send failed (" + (failure.getProviderCode() != null
                        ? failure.getProviderCode() : String.valueOf(failure.getStatusCode())) + ")";
        boolean inDoubt = false;
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = SmsRecipientResult.notSent(numbers.get(i), notSent);
            }
            inDoubt |= SmsRecipientResult.IN_DOUBT.equals(results[i].getStatus());
        }
        SmsSendResult result = recipients.addSkippedTo(new SmsSendResult(call.provider(), Arrays.asList(results)));
        if (stopped) {
            throw SmsErrors.stopped(call.provider(), call.operation(), result);
        }
        SmsHttpResponse answer = lastAnswer;
        if (failure != null && answer == null && (Math.min(nextGroup.get(), groups) == 1 || !inDoubt)) {
            throw failure;
        }
        SmsFailure partial = failure != null
                ? new SmsFailure(call.provider(), call.operation(), failure.getStatusCode(),
                        failure.getProviderCode(), false, failure.isInDoubt() || inDoubt, null, null)
                : result.getRejectedCount() > 0
                        ? new SmsFailure(call.provider(), call.operation(), answer.statusCode(), null, false, inDoubt,
                                answer.bodyAsString(), answer.headers())
                        : null;
        return call.completeSend(result, text, null, partial);
    }
}
