package io.github.camelsms.sms.model;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * A LaML (Twilio-compatible) message resource.
 */
public class SmsMessage {

    private String sid;
    private String accountSid;
    private String to;
    private String from;
    private String body;
    private String status;
    private String direction;
    private Integer numSegments;
    private Integer numMedia;
    private BigDecimal price;
    private String priceUnit;
    private String errorCode;
    private String errorMessage;
    private Instant dateCreated;
    private Instant dateSent;
    private Instant dateUpdated;
    private String uri;

    public String getSid() {
        return sid;
    }

    public void setSid(String sid) {
        this.sid = sid;
    }

    public String getAccountSid() {
        return accountSid;
    }

    public void setAccountSid(String accountSid) {
        this.accountSid = accountSid;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    /** queued, sending, sent, delivered, undelivered, failed, received, ... (unknown values are kept as they are). */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = direction;
    }

    public Integer getNumSegments() {
        return numSegments;
    }

    public void setNumSegments(Integer numSegments) {
        this.numSegments = numSegments;
    }

    public Integer getNumMedia() {
        return numMedia;
    }

    public void setNumMedia(Integer numMedia) {
        this.numMedia = numMedia;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public String getPriceUnit() {
        return priceUnit;
    }

    public void setPriceUnit(String priceUnit) {
        this.priceUnit = priceUnit;
    }

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

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getDateCreated() {
        return dateCreated;
    }

    public void setDateCreated(Instant dateCreated) {
        this.dateCreated = dateCreated;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getDateSent() {
        return dateSent;
    }

    public void setDateSent(Instant dateSent) {
        this.dateSent = dateSent;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getDateUpdated() {
        return dateUpdated;
    }

    public void setDateUpdated(Instant dateUpdated) {
        this.dateUpdated = dateUpdated;
    }

    /** The provider's path of this message. */
    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    @Override
    public String toString() {
        return "SmsMessage[" + sid + " to " + to + ", " + status + "]";
    }
}
