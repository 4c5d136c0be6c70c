package io.github.camelsms.sms.exception;

/**
 * The resource does not exist or there was nothing to act on (HTTP 404, CPSMS 409).
 */
public class SmsNotFoundException extends SmsException {

    public SmsNotFoundException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsNotFoundException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
