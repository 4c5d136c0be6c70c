package io.github.camelsms.sms.provider.cpsms;

import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.http.SmsHttpResponse;

/** One CPSMS send request's per-recipient result and the answer it came from. */
record CpsmsSent(SmsSendResult result, SmsHttpResponse response) {
}
