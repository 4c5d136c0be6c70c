/**
 * The built-in providers, one package each, found through ServiceLoader. A provider package depends on the SPI and the
 * packages below it, never on the component nor on another provider.
 */
package io.github.camelsms.sms.provider;
