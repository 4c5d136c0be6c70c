package io.github.camelsms.sms.model;

import java.math.BigDecimal;

/**
 * What the provider answered for one recipient of a send.
 */
public class SmsRecipientResult {

    /** The status of a recipient the provider refused (in an error answer or a failure declared in a 2xx). */
    public static final String REJECTED = "rejected";
    /** The status of a recipient whose request failed after it went out: the provider may have sent the SMS. */
    public static final String IN_DOUBT = "in-doubt";
    /** The status of a recipient whose request failed definitely: nothing was sent to it. */
    public static final String FAILED = "failed";
    /** The status of a recipient whose request was never sent (safe to send again). */
    public static final String NOT_SENT = "not-sent";

    private final String to;
    private final boolean accepted;
    private final String messageId;
    private final String status;
    private final BigDecimal cost;
    private final String errorCode;
    private final String errorMessage;

    public SmsRecipientResult(String to, boolean accepted, String messageId, String status, BigDecimal cost,
                              String errorCode, String errorMessage) {
        this.to = to;
        this.accepted = accepted;
        this.messageId = messageId;
        this.status = status;
        this.cost = cost;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    public static SmsRecipientResult accepted(String to, String messageId, String status, BigDecimal cost) {
        return new SmsRecipientResult(to, true, messageId, status, cost, null, null);
    }

    public static SmsRecipientResult rejected(String to, String errorCode, String errorMessage) {
        return new SmsRecipientResult(to, false, null, REJECTED, null, errorCode, errorMessage);
    }

    /** A recipient whose request failed: {@link #IN_DOUBT} when the provider may have acted on it, else {@link #FAILED}. */
    public static SmsRecipientResult failed(String to, boolean inDoubt, String errorCode, String errorMessage) {
        return new SmsRecipientResult(to, false, null, inDoubt ? IN_DOUBT : FAILED, null, errorCode, errorMessage);
    }

    /** A recipient whose request was never sent, for example because the component stopped first. */
    public static SmsRecipientResult notSent(String to, String why) {
        return new SmsRecipientResult(to, false, null, NOT_SENT, null, null, why);
    }

    /** The recipient as the provider reported it (cpsms: digits without +; LaML: E.164). */
    public String getTo() {
        return to;
    }

    public boolean isAccepted() {
        return accepted;
    }

    /** The provider's message id (LaML sid), or null (cpsms returns none). */
    public String getMessageId() {
        return messageId;
    }

    public String getStatus() {
        return status;
    }

    public BigDecimal getCost() {
        return cost;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public String toString() {
        return accepted
                ? "accepted " + to + (messageId != null ? " as " + messageId : "")
                : "rejected " + to + ": " + errorCode + " " + errorMessage;
    }
}
