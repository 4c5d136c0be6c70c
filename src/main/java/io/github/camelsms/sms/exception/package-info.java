/**
 * The exceptions the component reports: {@link io.github.camelsms.sms.exception.SmsException} and its subclasses, and
 * the facts they carry ({@link io.github.camelsms.sms.exception.SmsFailure}). Routes catch these types. They are here
 * rather than in the root package because every layer below the component throws them (the root may not be imported
 * from below without a package cycle). {@code SmsErrors} (in spi) alone decides type, retryable and in-doubt flags.
 * Depends only on {@link io.github.camelsms.sms.model}.
 */
package io.github.camelsms.sms.exception;
