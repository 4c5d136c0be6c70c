package io.github.camelsms.sms.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * A delivery report the provider posted to a {@code sms:provider/deliveryReports} consumer: CPSMS dlr_url or LaML
 * StatusCallback.
 */
public class DeliveryReport {

    private String provider;
    private String recipient;
    private String sender;
    private DeliveryStatus status;
    private String rawStatus;
    private String messageId;
    private String reference;
    private String errorCode;
    private String errorMessage;
    @JsonSerialize(using = ToStringSerializer.class)
    private Instant receivedAt;
    private Map<String, String> parameters;

    public DeliveryReport() {
    }

    public DeliveryReport(String provider, String recipient, String sender, DeliveryStatus status, String rawStatus,
                          String messageId, String reference, String errorCode, String errorMessage,
                          Instant receivedAt, Map<String, String> parameters) {
        this.provider = provider;
        this.recipient = recipient;
        this.sender = sender;
        this.status = status;
        this.rawStatus = rawStatus;
        this.messageId = messageId;
        this.reference = reference;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.receivedAt = receivedAt;
        this.parameters = parameters;
    }

    /** The provider that reported, for example cpsms or twilio. */
    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    /** The number the message went to, as the provider wrote it (CPSMS without +, LaML in E.164). */
    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    /** The sender (LaML From), or null. */
    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public void setStatus(DeliveryStatus status) {
        this.status = status;
    }

    /** The status as the provider sent it: CPSMS 1 to 4, a LaML MessageStatus. */
    public String getRawStatus() {
        return rawStatus;
    }

    public void setRawStatus(String rawStatus) {
        this.rawStatus = rawStatus;
    }

    /** The LaML message sid; null for CPSMS, which has no message ids. */
    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    /** The CPSMS reference the message was sent with (the producer adds it to dlr_url), or null. */
    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    /** The LaML ErrorCode of an undelivered or failed message, or null. */
    public String getErrorCode() {
        return errorCode;
    }

    public void setErrorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    /** When the consumer received the report. */
    public Instant getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    /** Every parameter of the callback (query and form), your own dlr_url parameters included. */
    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public String toString() {
        return "DeliveryReport[" + provider + " " + recipient + " " + status + " (" + rawStatus + ")"
               + (messageId != null ? " " + messageId : "") + (reference != null ? " ref " + reference : "")
               + (errorCode != null ? " error " + errorCode : "") + "]";
    }
}
