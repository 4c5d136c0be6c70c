package io.github.camelsms.sms.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a send: one {@link SmsRecipientResult} per recipient, in input order (CPSMS answers list accepted
 * before rejected recipients; when an answer does not name each recipient once, its order is kept).
 */
public class SmsSendResult {

    private final String provider;
    private final List<SmsRecipientResult> recipients;
    private final int acceptedCount;

    public SmsSendResult(String provider, List<SmsRecipientResult> recipients) {
        this.provider = provider;
        this.recipients = List.copyOf(recipients);
        int accepted = 0;
        for (SmsRecipientResult r : this.recipients) {
            accepted += r.isAccepted() ? 1 : 0;
        }
        this.acceptedCount = accepted;
    }

    public String getProvider() {
        return provider;
    }

    public List<SmsRecipientResult> getRecipients() {
        return recipients;
    }

    public int getAcceptedCount() {
        return acceptedCount;
    }

    public int getRejectedCount() {
        return recipients.size() - getAcceptedCount();
    }

    /** The sum of the accepted recipients' costs, or null when the provider reported none. */
    public BigDecimal getTotalCost() {
        return recipients.stream().map(SmsRecipientResult::getCost).filter(Objects::nonNull)
                .reduce(BigDecimal::add).orElse(null);
    }

    /** The message ids the provider returned, in recipient order (empty for cpsms). */
    public List<String> getMessageIds() {
        return recipients.stream().map(SmsRecipientResult::getMessageId).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "SmsSendResult[" + provider + ": " + getAcceptedCount() + " accepted, " + getRejectedCount()
               + " rejected " + recipients + "]";
    }
}
