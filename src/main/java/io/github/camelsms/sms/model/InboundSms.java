package io.github.camelsms.sms.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * An SMS or MMS someone sent to your number, as a LaML provider posted it to a {@code sms:provider/inbound}
 * consumer.
 */
public class InboundSms {

    private String provider;
    private String messageId;
    private String accountSid;
    private String from;
    private String to;
    private String body;
    private int numMedia;
    private List<String> mediaUrls;
    private List<String> mediaContentTypes;
    @JsonSerialize(using = ToStringSerializer.class)
    private Instant receivedAt;
    private Map<String, String> parameters;

    public InboundSms() {
    }

    public InboundSms(String provider, String messageId, String accountSid, String from, String to, String body,
                      List<String> mediaUrls, List<String> mediaContentTypes, Instant receivedAt,
                      Map<String, String> parameters) {
        this.provider = provider;
        this.messageId = messageId;
        this.accountSid = accountSid;
        this.from = from;
        this.to = to;
        this.body = body;
        this.numMedia = mediaUrls.size();
        this.mediaUrls = mediaUrls;
        this.mediaContentTypes = mediaContentTypes;
        this.receivedAt = receivedAt;
        this.parameters = parameters;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    /** The MessageSid. */
    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getAccountSid() {
        return accountSid;
    }

    public void setAccountSid(String accountSid) {
        this.accountSid = accountSid;
    }

    /** The sender's number (E.164). */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /** Your number the message was sent to. */
    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    /** The text; empty for an MMS without text. */
    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public int getNumMedia() {
        return numMedia;
    }

    public void setNumMedia(int numMedia) {
        this.numMedia = numMedia;
    }

    /** MediaUrl0 .. MediaUrlN-1 of an MMS. */
    public List<String> getMediaUrls() {
        return mediaUrls;
    }

    public void setMediaUrls(List<String> mediaUrls) {
        this.mediaUrls = mediaUrls;
    }

    /** MediaContentType0 .. N-1 (null entries when the provider sent none). */
    public List<String> getMediaContentTypes() {
        return mediaContentTypes;
    }

    public void setMediaContentTypes(List<String> mediaContentTypes) {
        this.mediaContentTypes = mediaContentTypes;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    /** Every form parameter the provider posted. */
    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public String toString() {
        return "InboundSms[" + messageId + " from " + from + " to " + to + ": " + body
               + (numMedia > 0 ? " (+" + numMedia + " media)" : "") + "]";
    }
}
