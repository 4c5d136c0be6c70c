package io.github.camelsms.sms.spi;

import java.util.List;
import java.util.function.Function;

import io.github.camelsms.sms.model.SmsRecipientResult;

/**
 * How a provider sends one message to many recipients: how many numbers go in one request, how to build a request for
 * a group of numbers and how to read its answer, how many requests may be in flight at once, and whether the send
 * stops at the first failed request. {@link SmsCall#sendBatch} runs it.
 */
public final class SmsBatch {

    /** Reads a group's 2xx answer. */
    @FunctionalInterface
    public interface Reader {
        /**
         * Exactly one result per number of the group, in the group's order (DESIGN rule 8). Throwing an
         * {@link io.github.camelsms.sms.exception.SmsException} fails the group; throwing anything else makes the answer
         * unreadable (in doubt).
         */
        List<SmsRecipientResult> read(List<String> group, SmsHttpRequest request, SmsHttpResponse response);
    }

    /** Reads the 2xx answer to one recipient's request. */
    @FunctionalInterface
    public interface RecipientReader {
        /** The recipient's result; throwing fails it as for {@link Reader#read}. */
        SmsRecipientResult read(String to, SmsHttpRequest request, SmsHttpResponse response);
    }

    final int groupSize;
    // one pair is set: per recipient (no list per request) or per group
    private final Function<String, SmsHttpRequest> recipientRequest;
    private final RecipientReader recipientReader;
    private final Function<List<String>, SmsHttpRequest> groupRequest;
    private final Reader groupReader;
    int concurrency = 1;
    boolean stopAtFirstFailure;

    private SmsBatch(int groupSize, Function<String, SmsHttpRequest> recipientRequest,
                     RecipientReader recipientReader, Function<List<String>, SmsHttpRequest> groupRequest,
                     Reader groupReader) {
        this.groupSize = Math.max(1, groupSize);
        this.recipientRequest = recipientRequest;
        this.recipientReader = recipientReader;
        this.groupRequest = groupRequest;
        this.groupReader = groupReader;
    }

    /** One request per recipient (a fan-out). */
    public static SmsBatch perRecipient(Function<String, SmsHttpRequest> request, RecipientReader reader) {
        return new SmsBatch(1, request, reader, null, null);
    }

    /** Requests of at most {@code maxPerRequest} recipients each (chunks). */
    public static SmsBatch perRequest(int maxPerRequest, Function<List<String>, SmsHttpRequest> request,
                                      Reader reader) {
        return new SmsBatch(maxPerRequest, null, null, request, reader);
    }

    /** At most this many requests of the send in flight at once (1, the default: one after another). */
    public SmsBatch concurrency(int concurrency) {
        this.concurrency = Math.max(1, concurrency);
        return this;
    }

    /**
     * No further request starts once one has failed, because the next ones would most likely fail the same way
     * (credit, credentials, a server error); their recipients are not sent.
     */
    public SmsBatch stopAtFirstFailure() {
        this.stopAtFirstFailure = true;
        return this;
    }

    /** The request for numbers[from, to). */
    SmsHttpRequest request(List<String> numbers, int from, int to) {
        return groupRequest == null ? recipientRequest.apply(numbers.get(from))
                : groupRequest.apply(numbers.subList(from, to));
    }

    /**
     * Reads the answer for numbers[from, to) into results[from, to); false (and nothing written) when the reader's
     * results are not one per number sent, in order.
     */
    boolean read(List<String> numbers, int from, int to, SmsHttpRequest request, SmsHttpResponse response,
                 SmsRecipientResult[] results) {
        if (groupReader == null) {
            SmsRecipientResult result = recipientReader.read(numbers.get(from), request, response);
            if (result == null || !numbers.get(from).equals(result.getTo())) {
                return false;
            }
            results[from] = result;
            return true;
        }
        List<SmsRecipientResult> read = groupReader.read(numbers.subList(from, to), request, response);
        if (read == null || read.size() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            SmsRecipientResult result = read.get(i - from);
            if (result == null || !numbers.get(i).equals(result.getTo())) {
                return false;
            }
        }
        for (int i = from; i < to; i++) {
            results[i] = read.get(i - from);
        }
        return true;
    }
}
