package io.github.camelsms.sms.provider.cpsms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.github.camelsms.sms.SmsException;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.http.SmsHttpResponse;
import io.github.camelsms.sms.http.SmsHttpTransport;

/**
 * A CPSMS send to many recipients as consecutive requests of at most {@code maxRecipientsPerRequest} recipients each,
 * merged into one result in input order.
 * <p>
 * The requests go one after the other and the send stops at the first that fails, because the next ones would most
 * likely fail the same way (credit, credentials, a server error). When the very first request fails, its exception is
 * thrown unchanged (in doubt or not, as for a single request). When a later one fails, the earlier recipients were
 * sent to, so the result is returned: the failed request's recipients get status {@code in-doubt} (the provider may
 * have sent them) or {@code failed}, and the recipients of the requests never sent get {@code not-sent} (safe to
 * send again). When the component stops in the middle, no further request starts, and the send fails with the merged
 * result so far (see {@link #stopped()}).
 */
final class CpsmsChunkedSend {

    static final String NOT_SENT = SmsRecipientResult.NOT_SENT;

    private final List<String> numbers;
    private final int chunkSize;
    private final BooleanSupplier open;
    private volatile SmsException failure;
    private volatile SmsHttpResponse lastResponse;
    private volatile boolean stopped;

    /**
     * @param open whether requests can still be sent; once false (the component stopped) no further chunk starts
     */
    CpsmsChunkedSend(List<String> numbers, int maxRecipientsPerRequest, BooleanSupplier open) {
        this.numbers = numbers;
        this.chunkSize = maxRecipientsPerRequest;
        this.open = open;
    }

    /** Sends chunk after chunk, each when the previous one's answer arrived; no thread waits in between. */
    CompletableFuture<SmsSendResult> send(Function<List<String>, CompletableFuture<CpsmsSent>> sendChunk) {
        return sendFrom(0, new ArrayList<>(numbers.size()), sendChunk);
    }

    private CompletableFuture<SmsSendResult> sendFrom(int start, List<SmsRecipientResult> merged,
                                                      Function<List<String>, CompletableFuture<CpsmsSent>> sendChunk) {
        if (start >= numbers.size()) {
            return CompletableFuture.completedFuture(new SmsSendResult(CpsmsProvider.NAME, merged));
        }
        if (!open.getAsBoolean()) {
            stopped = true;
            notSent(merged, start, "not sent: Camel was stopping before this request could start");
            return CompletableFuture.completedFuture(new SmsSendResult(CpsmsProvider.NAME, merged));
        }
        int end = Math.min(numbers.size(), start + chunkSize);
        List<String> chunk = numbers.subList(start, end);
        return sendChunk.apply(chunk).handle((sent, thrown) -> {
            if (thrown == null) {
                lastResponse = sent.response();
                merged.addAll(sent.result().getRecipients());
                return sendFrom(end, merged, sendChunk);
            }
            SmsException e = SmsHttpTransport.failureOf(thrown);
            stopped = !open.getAsBoolean();
            if (start == 0 && !stopped) {
                return CompletableFuture.<SmsSendResult>failedFuture(e);
            }
            failure = e;
            chunk.forEach(to -> merged.add(SmsRecipientResult.failed(to, e)));
            String code = merged.get(merged.size() - 1).getErrorCode();
            notSent(merged, end, "not sent because an earlier request of this send failed (" + code + ")");
            return CompletableFuture.completedFuture(new SmsSendResult(CpsmsProvider.NAME, merged));
        }).thenCompose(next -> next);
    }

    private void notSent(List<SmsRecipientResult> merged, int from, String why) {
        numbers.subList(from, numbers.size()).forEach(to -> merged.add(SmsRecipientResult.notSent(to, why)));
    }

    /** Whether Camel stopping cut the send short before every chunk had been sent. */
    boolean stopped() {
        return stopped;
    }

    /** The exception of the request that failed after others had been sent, or null. */
    SmsException failure() {
        return failure;
    }

    /** The answer to the last request that succeeded. */
    SmsHttpResponse lastResponse() {
        return lastResponse;
    }
}
