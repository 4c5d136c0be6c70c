package io.github.camelsms.sms.exception;

/**
 * The call failed on the network: connect, TLS, timeouts, a dropped connection.
 */
public class SmsTransportException extends SmsException {

    public SmsTransportException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsTransportException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
