package io.github.camelsms.sms.exception;

/**
 * The provider rejected the credentials (HTTP 401).
 */
public class SmsAuthenticationException extends SmsException {

    public SmsAuthenticationException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsAuthenticationException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
