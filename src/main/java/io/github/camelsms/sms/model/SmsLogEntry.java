package io.github.camelsms.sms.model;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * One message in the CPSMS log.
 */
public class SmsLogEntry {

    private final String to;
    private final String from;
    private final BigDecimal pointPrice;
    private final String userReference;
    private final int dlrStatus;
    private final String dlrStatusText;
    private final Instant timeSent;

    public SmsLogEntry(String to, String from, BigDecimal pointPrice, String userReference, int dlrStatus,
                       String dlrStatusText, Instant timeSent) {
        this.to = to;
        this.from = from;
        this.pointPrice = pointPrice;
        this.userReference = userReference;
        this.dlrStatus = dlrStatus;
        this.dlrStatusText = dlrStatusText;
        this.timeSent = timeSent;
    }

    public String getTo() {
        return to;
    }

    public String getFrom() {
        return from;
    }

    public BigDecimal getPointPrice() {
        return pointPrice;
    }

    /** The reference given when sending, or null. */
    public String getUserReference() {
        return userReference;
    }

    /** 0 no report yet, 1 delivered, 2 failed, 3 buffered, 4 abandoned. */
    public int getDlrStatus() {
        return dlrStatus;
    }

    public String getDlrStatusText() {
        return dlrStatusText;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getTimeSent() {
        return timeSent;
    }

    @Override
    public String toString() {
        return "SmsLogEntry[" + to + " from " + from + " at " + timeSent + ", dlr " + dlrStatus + "]";
    }
}
