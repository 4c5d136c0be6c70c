package io.github.camelsms.sms.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.exception.SmsException;

/**
 * One SMS provider: a plug-in found through {@link java.util.ServiceLoader} (META-INF/services). A provider declares
 * itself (its operations as a table with the options and headers each honours, its own options, its authentication,
 * its webhooks with their signature scheme, its base URL), turns an exchange into HTTP requests and the answers into
 * results; {@link SmsCall} and {@link SmsTransport} do everything else (validation helpers, authentication,
 * sending, I/O errors), and the kit refuses every input an operation does not declare.
 */
public interface SmsProvider {

    /** The name used in the URI, for example {@code cpsms}. */
    String name();

    /**
     * The producer operations by name, in the order the documentation lists them: each with its handler and the
     * options and headers it honours. The producer dispatches through this table.
     */
    Map<String, SmsOperation> operations();

    /**
     * The endpoint options every producer operation of this provider honours beyond the kit's generic ones: its
     * credentials and what its base URL is made of.
     */
    Set<String> options();

    /** The webhooks this provider calls, served by consumers ({@code from("sms:provider/deliveryReports")}); null when none. */
    default SmsWebhooks webhooks() {
        return null;
    }

    /** The consumer operations, such as deliveryReports; empty when the provider has no webhooks. */
    default List<String> consumerOperations() {
        SmsWebhooks webhooks = webhooks();
        return webhooks == null ? List.of() : webhooks.operations();
    }

    /** The base URL to use when the endpoint sets no baseUrl (its parts are among {@link #options()}). */
    String defaultBaseUrl(SmsSettings configuration);

    /**
     * The options this provider declares for itself, beyond those of {@link SmsSettings}: honoured by every
     * operation of this provider, refused by every other provider. Users set them with the prefix {@code provider.}.
     */
    default List<SmsProviderOption> providerOptions() {
        return List.of();
    }

    /** How its requests are authenticated, from its options (checked by {@link #checkConfiguration} first). */
    SmsAuthentication authentication(SmsSettings configuration);

    /**
     * Checks the endpoint's options when the endpoint starts (credentials present, ids well-formed). Throws
     * {@link io.github.camelsms.sms.exception.SmsValidationException} naming the option.
     */
    void checkConfiguration(SmsSettings configuration);

    /** Turns a non-2xx answer into the matching {@link SmsException}. */
    SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation);

    /**
     * Checks that the credentials work without sending an SMS (a cheap authenticated read). Returns details to show
     * when healthy (never a secret); throws the mapped {@link SmsException} when not.
     */
    java.util.Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration);

}
