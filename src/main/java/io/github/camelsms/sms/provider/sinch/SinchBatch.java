package io.github.camelsms.sms.provider.sinch;

import java.time.Instant;
import java.util.List;

/**
 * A Sinch batch: one message to one or more recipients under one id, as getMessage, listMessages and cancelScheduled
 * return it. Sinch gives no id per recipient; delivery reports name the batch id and the recipient.
 */
public final class SinchBatch {

    private final String id;
    private final List<String> to;
    private final String from;
    private final String body;
    private final boolean canceled;
    private final Instant createdAt;
    private final Instant sendAt;
    private final Instant expireAt;
    private final String deliveryReport;
    private final String clientReference;

    SinchBatch(String id, List<String> to, String from, String body, boolean canceled, Instant createdAt,
               Instant sendAt, Instant expireAt, String deliveryReport, String clientReference) {
        this.id = id;
        this.to = List.copyOf(to);
        this.from = from;
        this.body = body;
        this.canceled = canceled;
        this.createdAt = createdAt;
        this.sendAt = sendAt;
        this.expireAt = expireAt;
        this.deliveryReport = deliveryReport;
        this.clientReference = clientReference;
    }

    /** The batch id (CamelSmsMessageId of the send). */
    public String getId() {
        return id;
    }

    /** The recipients in E.164. */
    public List<String> getTo() {
        return to;
    }

    public String getFrom() {
        return from;
    }

    public String getBody() {
        return body;
    }

    /** Whether the batch was cancelled before it went out. */
    public boolean isCanceled() {
        return canceled;
    }

    /**
     * canceled, scheduled (send_at still to come) or queued (handed to Sinch's queue; the delivery reports tell the
     * rest).
     */
    public String getStatus() {
        return canceled ? "canceled" : sendAt != null && sendAt.isAfter(Instant.now()) ? "scheduled" : "queued";
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When Sinch sends it; null when it was sent at once. */
    public Instant getSendAt() {
        return sendAt;
    }

    public Instant getExpireAt() {
        return expireAt;
    }

    /** The kind of delivery report asked for: none, summary, full, per_recipient or per_recipient_final. */
    public String getDeliveryReport() {
        return deliveryReport;
    }

    /** The send's CamelSmsReference (Sinch client_reference), or null. */
    public String getClientReference() {
        return clientReference;
    }

    @Override
    public String toString() {
        return "SinchBatch[" + id + ", " + to.size() + " recipient(s), " + getStatus() + "]";
    }
}
