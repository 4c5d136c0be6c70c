package io.github.camelsms.sms.spi;

import io.github.camelsms.sms.exception.SmsException;

/**
 * How a provider turns its non-2xx answer into the matching {@link SmsException} (picking out its code and message;
 * {@link SmsErrors} decides the type and flags). The transport is given this, not the provider.
 */
@FunctionalInterface
public interface SmsErrorMapping {

    SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation);
}
