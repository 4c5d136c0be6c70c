package io.github.camelsms.sms.exception;

/**
 * Bad input: found before any request was sent (then nothing was sent), or a provider's 400 or LaML 21xxx answer.
 */
public class SmsValidationException extends SmsException {

    private final String field;

    public SmsValidationException(String message, SmsFailure failure) {
        this(null, message, failure);
    }

    public SmsValidationException(String field, String message, SmsFailure failure) {
        super(message, failure);
        this.field = field;
    }

    /** The option or header that was wrong, when the component found the problem itself; otherwise null. */
    public String getField() {
        return field;
    }
}
