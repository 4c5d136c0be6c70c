package io.github.camelsms.sms.spi;

import io.github.camelsms.sms.http.SmsCredentials;
import io.github.camelsms.sms.http.SmsHttpRequest;
import io.github.camelsms.sms.http.SmsHttpResponse;
import io.github.camelsms.sms.http.SmsHttpTransport;
import io.github.camelsms.sms.webhook.SmsWebhooks;
import java.util.List;

import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.SmsException;

/**
 * One SMS provider: a plug-in found through {@link java.util.ServiceLoader} (META-INF/services). A provider turns an
 * exchange into HTTP requests and the answers into results; {@link SmsCall} and {@link SmsHttpTransport} do
 * everything else (validation helpers, authentication, sending, I/O errors).
 */
public interface SmsProvider {

    /** The name used in the URI, for example {@code cpsms}. */
    String name();

    /** The operations this provider supports, in the order the documentation lists them. */
    List<String> operations();

    /** The webhooks this provider calls, served by consumers ({@code from("sms:provider/deliveryReports")}); null when none. */
    default SmsWebhooks webhooks() {
        return null;
    }

    /** The consumer operations, such as deliveryReports; empty when the provider has no webhooks. */
    default List<String> consumerOperations() {
        SmsWebhooks webhooks = webhooks();
        return webhooks == null ? List.of() : webhooks.operations();
    }

    /** The base URL to use when the endpoint sets no baseUrl. */
    String defaultBaseUrl(SmsConfiguration configuration);

    /** The user and secret for HTTP Basic authentication, taken from the provider's own options. */
    SmsCredentials credentials(SmsConfiguration configuration);

    /**
     * Checks the endpoint's options when the endpoint starts (credentials present, ids well-formed). Throws
     * {@link io.github.camelsms.sms.SmsValidationException} naming the option.
     */
    void checkConfiguration(SmsConfiguration configuration);

    /** Turns a non-2xx answer into the matching {@link SmsException}. */
    SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation);

    /**
     * Checks that the credentials work without sending an SMS (a cheap authenticated read). Returns details to show
     * when healthy (never a secret); throws the mapped {@link SmsException} when not.
     */
    java.util.Map<String, Object> checkHealth(SmsHttpTransport transport, SmsConfiguration configuration);

    /**
     * Performs the endpoint's operation for one exchange: validates everything before sending anything (throwing
     * {@link io.github.camelsms.sms.SmsValidationException} at once), sends, and completes the future with the new
     * message body (setting out headers through the call) or fails it with an {@link SmsException}. It must not
     * block: requests go through {@link SmsCall#send} and {@link SmsCall#sendBatch}.
     */
    java.util.concurrent.CompletableFuture<?> execute(SmsCall call);
}
