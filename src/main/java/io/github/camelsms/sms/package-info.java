/**
 * The sms component: what a Camel user touches. {@link io.github.camelsms.sms.SmsComponent},
 * {@link io.github.camelsms.sms.SmsEndpoint} and its options ({@link io.github.camelsms.sms.SmsConfiguration}), the
 * producer, the webhook consumer and the header names ({@link io.github.camelsms.sms.SmsConstants}). It is the top of
 * the package layers: it may use every package below it and none of them uses it. The exception family lives in
 * {@link io.github.camelsms.sms.exception}, not here, because the code below the component throws it.
 */
package io.github.camelsms.sms;
