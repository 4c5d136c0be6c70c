package io.github.camelsms.sms.exception;

/**
 * The provider failed (5xx) or gave an answer that cannot be understood.
 */
public class SmsProviderException extends SmsException {

    public SmsProviderException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsProviderException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
