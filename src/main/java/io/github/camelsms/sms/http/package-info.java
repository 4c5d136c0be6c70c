/**
 * Internal: the HTTP transport the component builds for each endpoint (Apache HttpClient 5 async clients, retries,
 * authentication applied, redaction of secrets in every form, quiet logging). Not API, apart from
 * {@link io.github.camelsms.sms.http.HttpAsyncClientConfigurer}, the type of the httpAsyncClientConfigurer option.
 * Providers reach it only through {@link io.github.camelsms.sms.spi.SmsTransport}. Depends on the SPI and below.
 */
package io.github.camelsms.sms.http;
