package io.github.camelsms.sms.spi;

/**
 * How a provider signs its webhooks, keyed with the endpoint's credentials: the consumer asks it about every request
 * before reading it. The schemes SMS providers use are in {@code io.github.camelsms.sms.webhook.signature}.
 */
@FunctionalInterface
public interface SmsWebhookSignature {

    /** Whether the request carries a valid signature; a refusal says why (never with a secret in it). */
    Verdict verify(SmsWebhookRequest request);

    /**
     * The outcome of a check.
     *
     * @param valid  whether the signature is valid
     * @param reason why the request was refused; null when valid
     */
    record Verdict(boolean valid, String reason) {

        private static final Verdict OK = new Verdict(true, null);

        public static Verdict ok() {
            return OK;
        }

        public static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }
}
