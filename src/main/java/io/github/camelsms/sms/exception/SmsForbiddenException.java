package io.github.camelsms.sms.exception;

/**
 * The provider refused the call (HTTP 403), for CPSMS typically because the calling IP is not on the account's allow-list.
 */
public class SmsForbiddenException extends SmsException {

    public SmsForbiddenException(String message, SmsFailure failure) {
        super(message, failure);
    }

    public SmsForbiddenException(String message, SmsFailure failure, Throwable cause) {
        super(message, failure, cause);
    }
}
