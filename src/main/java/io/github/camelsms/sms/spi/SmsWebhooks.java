package io.github.camelsms.sms.spi;

import java.util.List;
import java.util.Set;


/**
 * The consumer half of a provider: the webhooks it calls (delivery reports, inbound messages). The consumer does
 * the HTTP part, the webhookVerifyToken check and the deduplication; a provider reads its own requests, checks its own
 * signatures and writes its own replies.
 */
public interface SmsWebhooks {

    /** The consumer operations, for example deliveryReports and inbound. */
    List<String> operations();

    /** The HTTP methods the provider calls the operation's URL with. */
    Set<String> httpMethods(String operation);

    /** Whether the provider signs its webhooks, so that validateSignature defaults to true. */
    boolean signsByDefault();

    /** Whether the provider can sign its webhooks at all (validateSignature=true is refused otherwise). */
    boolean canSign();

    /**
     * Checks, when the consumer starts, that the endpoint has the key the provider signs with.
     *
     * @throws io.github.camelsms.sms.exception.SmsValidationException naming the missing option and where its value is found
     */
    default void checkSigningKey(String operation, SmsSettings configuration) {
    }

    /**
     * The scheme the provider signs the operation's requests with, keyed with the endpoint's credentials; asked once,
     * when a consumer that validates signatures is set up (after {@link #checkSigningKey}). Only called when
     * {@link #canSign()}.
     */
    SmsWebhookSignature signature(String operation, SmsSettings configuration);

    /**
     * Reads the request.
     *
     * @throws IllegalArgumentException when a field the operation needs is missing; the consumer answers 400
     */
    SmsWebhookEvent read(String operation, SmsWebhookRequest request);

    /**
     * The HTTP answer to the provider once the route is done, from the route's final body (for inbound: a String or
     * an SmsReply becomes the reply message).
     */
    SmsWebhookReply reply(String operation, Object routeBody);

    /** The answer a duplicate or out-of-order request gets (it is not routed). */
    default SmsWebhookReply skipped(String operation) {
        return reply(operation, null);
    }

    /** An HTTP answer: a content type (null for none) and a body (empty for none). */
    record SmsWebhookReply(String contentType, String body) {
    }
}
