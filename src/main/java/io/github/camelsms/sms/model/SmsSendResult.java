package io.github.camelsms.sms.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a send: exactly one {@link SmsRecipientResult} per number sent, in input order, then the invalid
 * numbers skipped (skipInvalidRecipients). A number the provider's answer does not account for is
 * {@link SmsRecipientResult#IN_DOUBT}; a number the answer names that was not sent is never listed.
 */
public class SmsSendResult {

    private final String provider;
    private final List<SmsRecipientResult> recipients;
    private final int acceptedCount;
    private final Map<String, List<String>> mergedRecipients;

    public SmsSendResult(String provider, List<SmsRecipientResult> recipients) {
        this(provider, recipients, Map.of());
    }

    /**
     * @param mergedRecipients for each number that was given more than once and sent to once: every spelling of it as
     *                         written, in input order
     */
    public SmsSendResult(String provider, List<SmsRecipientResult> recipients,
                         Map<String, List<String>> mergedRecipients) {
        this.provider = provider;
        this.recipients = List.copyOf(recipients);
        this.mergedRecipients = mergedRecipients.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(mergedRecipients));
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

    /**
     * The numbers that were given more than once in the send (in any spelling: {@code +4522334488},
     * {@code 0045 22 33 44 88}) and therefore sent to once: the number as sent (as in {@link SmsRecipientResult#getTo()}
     * for cpsms, E.164 for LaML) mapped to every spelling as written, in input order. Empty when every number was
     * given once.
     */
    public Map<String, List<String>> getMergedRecipients() {
        return mergedRecipients;
    }

    /** The sum of the accepted recipients' costs, or null when the provider reported none. */
    public BigDecimal getTotalCost() {
        BigDecimal total = null;
        for (SmsRecipientResult r : recipients) {
            if (r.getCost() != null) {
                total = total == null ? r.getCost() : total.add(r.getCost());
            }
        }
        return total;
    }

    /** The message ids the provider returned, in recipient order (empty for cpsms). */
    public List<String> getMessageIds() {
        if (recipients.size() == 1) {
            String id = recipients.get(0).getMessageId();
            return id == null ? Collections.emptyList() : Collections.singletonList(id); // null-tolerant lookups
        }
        List<String> ids = new ArrayList<>(recipients.size());
        for (SmsRecipientResult r : recipients) {
            if (r.getMessageId() != null) {
                ids.add(r.getMessageId());
            }
        }
        return Collections.unmodifiableList(ids);
    }

    @Override
    public String toString() {
        return "SmsSendResult[" + provider + ": " + getAcceptedCount() + " accepted, " + getRejectedCount()
               + " rejected " + recipients + (mergedRecipients.isEmpty() ? "" : ", merged " + mergedRecipients)
               + "]";
    }
}
