package io.github.camelsms.sms.webhook;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import io.github.camelsms.sms.spi.SmsWebhookEvent;

/**
 * The consumers' default webhook memory: the seen keys in a Camel {@link IdempotentRepository} (the
 * idempotentRepository option, or an in-memory one), the claims in flight in this JVM. The repository holds the
 * duplicate key of every routed callback and {@code <messageKey>|final} for every message whose final report was
 * routed.
 */
public class SmsIdempotentWebhookMemory implements SmsWebhookMemory {

    private final IdempotentRepository repository;
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, Integer> finalsInFlight = new HashMap<>();

    public SmsIdempotentWebhookMemory(IdempotentRepository repository) {
        this.repository = repository;
    }

    public IdempotentRepository getRepository() {
        return repository;
    }

    @Override
    public synchronized Claim claim(SmsWebhookEvent event) {
        String key = event.duplicateKey();
        if (repository.contains(key)) {
            return Claim.DUPLICATE;
        }
        if (inFlight.contains(key)) {
            return Claim.IN_FLIGHT;
        }
        String messageKey = event.messageKey();
        if (messageKey != null && !event.finalStatus()) {
            if (repository.contains(finalKey(messageKey))) {
                return Claim.LATE;
            }
            if (finalsInFlight.containsKey(messageKey)) {
                return Claim.IN_FLIGHT;
            }
        }
        inFlight.add(key);
        if (messageKey != null && event.finalStatus()) {
            finalsInFlight.merge(messageKey, 1, Integer::sum);
        }
        return Claim.ROUTE;
    }

    @Override
    public synchronized void routed(SmsWebhookEvent event) {
        try {
            repository.add(event.duplicateKey());
            if (event.messageKey() != null && event.finalStatus()) {
                repository.add(finalKey(event.messageKey()));
            }
        } finally {
            release(event);
        }
    }

    @Override
    public synchronized void failed(SmsWebhookEvent event) {
        release(event);
    }

    private void release(SmsWebhookEvent event) {
        inFlight.remove(event.duplicateKey());
        if (event.messageKey() != null && event.finalStatus()) {
            finalsInFlight.computeIfPresent(event.messageKey(), (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** The key that marks a message whose final report was routed. */
    public static String finalKey(String messageKey) {
        return messageKey + "|final";
    }
}
