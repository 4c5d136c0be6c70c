package io.github.camelsms.sms.model;

import java.util.Locale;

/**
 * A delivery status, the same for every provider. CPSMS reports 1 to 4 (DELIVERED, FAILED, BUFFERED, ABANDONED);
 * LaML reports its message statuses (queued, sending, sent, delivered, undelivered, failed, ...).
 */
public enum DeliveryStatus {

    ACCEPTED(false),
    SCHEDULED(false),
    QUEUED(false),
    SENDING(false),
    SENT(false),
    BUFFERED(false),
    DELIVERED(true),
    READ(true),
    UNDELIVERED(true),
    FAILED(true),
    ABANDONED(true),
    CANCELED(true),
    /** Part of a message to several recipients (such as a group MMS) was delivered (LaML partially_delivered). */
    PARTIALLY_DELIVERED(true),
    /** An inbound message is arriving (LaML receiving). */
    RECEIVING(false),
    /** An inbound message has arrived (LaML received). */
    RECEIVED(true),
    UNKNOWN(false);

    private final boolean finalStatus;

    DeliveryStatus(boolean finalStatus) {
        this.finalStatus = finalStatus;
    }

    /** True for an outcome: a later report of a non-final status for the same message is out of order. */
    public boolean isFinal() {
        return finalStatus;
    }

    /** The status a LaML MessageStatus stands for; UNKNOWN when it is absent or new. */
    public static DeliveryStatus ofLaml(String status) {
        if (status == null || status.isBlank()) {
            return UNKNOWN;
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "accepted" -> ACCEPTED;
            case "scheduled" -> SCHEDULED;
            case "queued" -> QUEUED;
            case "sending" -> SENDING;
            case "sent" -> SENT;
            case "delivered" -> DELIVERED;
            case "read" -> READ;
            case "undelivered" -> UNDELIVERED;
            case "failed" -> FAILED;
            case "canceled", "cancelled" -> CANCELED;
            case "partially_delivered" -> PARTIALLY_DELIVERED;
            case "receiving" -> RECEIVING;
            case "received" -> RECEIVED;
            default -> UNKNOWN;
        };
    }

    /** The status a CPSMS dlr status code (1 to 4) stands for; UNKNOWN for anything else. */
    public static DeliveryStatus ofCpsms(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        return switch (status.trim()) {
            case "1" -> DELIVERED;
            case "2" -> FAILED;
            case "3" -> BUFFERED;
            case "4" -> ABANDONED;
            default -> UNKNOWN;
        };
    }
}
