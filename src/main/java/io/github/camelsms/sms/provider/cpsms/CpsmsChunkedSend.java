package io.github.camelsms.sms.provider.cpsms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelsms.sms.SmsException;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.http.SmsHttpResponse;

/**
 * A CPSMS send to many recipients as consecutive requests of at most {@code maxRecipientsPerRequest} recipients each,
 * merged into one result in input order.
 * <p>
 * The requests go one after the other and the send stops at the first that fails, because the next ones would most
 * likely fail the same way (credit, credentials, a server error). When the very first request fails, its exception is
 * thrown unchanged (in doubt or not, as for a single request). When a later one fails, the earlier recipients were
 * sent to, so the result is returned: the failed request's recipients get status {@code in-doubt} (the provider may
 * have sent them) or {@code failed}, and the recipients of the requests never sent get {@code not-sent} (safe to
 * send again).
 */
final class CpsmsChunkedSend {

    static final String NOT_SENT = "not-sent";

    private final List<String> numbers;
    private final int chunkSize;
    private SmsException failure;
    private SmsHttpResponse lastResponse;

    CpsmsChunkedSend(List<String> numbers, int maxRecipientsPerRequest) {
        this.numbers = numbers;
        this.chunkSize = maxRecipientsPerRequest;
    }

    SmsSendResult send(Function<List<String>, CpsmsSent> sendChunk) {
        List<SmsRecipientResult> merged = new ArrayList<>(numbers.size());
        for (int start = 0; start < numbers.size(); start += chunkSize) {
            int end = Math.min(numbers.size(), start + chunkSize);
            List<String> chunk = numbers.subList(start, end);
            CpsmsSent sent;
            try {
                sent = sendChunk.apply(chunk);
            } catch (SmsException e) {
                if (start == 0) {
                    throw e;
                }
                failure = e;
                chunk.forEach(to -> merged.add(SmsRecipientResult.failed(to, e)));
                String code = merged.get(merged.size() - 1).getErrorCode();
                String why = "not sent because an earlier request of this send failed (" + code + ")";
                numbers.subList(end, numbers.size()).forEach(to -> merged.add(
                        new SmsRecipientResult(to, false, null, NOT_SENT, null, null, why)));
                break;
            }
            lastResponse = sent.response();
            merged.addAll(inInputOrder(chunk, sent.result().getRecipients()));
        }
        return new SmsSendResult(CpsmsProvider.NAME, merged);
    }

    /** The exception of the request that failed after others had been sent, or null. */
    SmsException failure() {
        return failure;
    }

    /** The answer to the last request that succeeded. */
    SmsHttpResponse lastResponse() {
        return lastResponse;
    }

    /**
     * CPSMS lists the accepted recipients before the rejected ones; this puts them back in the order they were sent
     * (a recipient the answer names that was not sent keeps its place at the end).
     */
    static List<SmsRecipientResult> inInputOrder(List<String> sentTo, List<SmsRecipientResult> reported) {
        if (sentTo.size() == 1 || reported.size() != sentTo.size()) {
            return reported;
        }
        Map<String, Deque<SmsRecipientResult>> byNumber = new HashMap<>(reported.size() * 2);
        for (SmsRecipientResult r : reported) {
            byNumber.computeIfAbsent(r.getTo(), k -> new ArrayDeque<>(1)).add(r);
        }
        List<SmsRecipientResult> ordered = new ArrayList<>(reported.size());
        for (String to : sentTo) {
            Deque<SmsRecipientResult> matches = byNumber.get(to);
            SmsRecipientResult match = matches == null ? null : matches.poll();
            if (match != null) {
                ordered.add(match);
            }
        }
        byNumber.values().forEach(ordered::addAll);
        return ordered;
    }
}
