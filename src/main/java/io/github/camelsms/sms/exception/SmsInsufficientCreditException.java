package io.github.camelsms.sms.exception;

/**
 * The account has too little credit for the request (HTTP 402).
 */
public class SmsInsufficientCreditException extends SmsException {

    public SmsInsufficientCreditException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsInsufficientCreditException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
