package io.github.camelsms.sms.exception;

import io.github.camelsms.sms.model.SmsSendResult;

/**
 * Some recipients were rejected and {@code failOnPartialFailure=true}. The accepted recipients were sent to: do not
 * resend the whole message, use {@link #getResult()} to see who was rejected.
 */
public class SmsPartialFailureException extends SmsException {

    private final transient SmsSendResult result;

    public SmsPartialFailureException(String message, SmsFailure failure, SmsSendResult result) {
        super(message, failure);
        this.result = result;
    }

    public SmsSendResult getResult() {
        return result;
    }
}
