package com.example.acmesms;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsTransport;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsBatch;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviderOption;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.text.SmsText;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * Acme SMS, an invented provider written as a third party writes one for camel-sms: {@code sms:acme/send} and
 * {@code sms:acme/credit}, delivery reports through {@code from("sms:acme/deliveryReports")}.
 * <p>
 * Its API (base URL {@code https://api.acme-sms.example/v1}):
 * <ul>
 * <li>{@code POST /messages} with {@code {"to": ["+45..."], "text": "...", "from": "...", "callbackUrl": "..."}}, at
 * most 50 numbers in E.164; answers {@code {"results": [{"to", "id", "status"} or {"to", "error": {"code",
 * "message"}}]}}, one per number.</li>
 * <li>{@code GET /credit} answers {@code {"credit": "12.50", "currency": "EUR"}}.</li>
 * <li>Failures: {@code {"error": {"code", "message"}}} with 400, 401 (unknown key, bad signature), 402 (no credit),
 * 429 or 5xx.</li>
 * <li>Every request is signed ({@link AcmeSignedRequests}); delivery reports are signed back
 * ({@link AcmeWebhookSignature}).</li>
 * </ul>
 */
public final class AcmeSmsProvider implements SmsProvider {

    public static final String NAME = "acme";
    static final String DEFAULT_BASE_URL = "https://api.acme-sms.example/v1";
    static final int MAX_BATCH = 50;

    static final SmsProviderOption KEY_ID = SmsProviderOption.of("keyId", String.class,
            "The id of the Acme signing key (Acme console, API keys)");
    static final SmsProviderOption SECRET_KEY = SmsProviderOption.secret("secretKey",
            "The secret of the Acme signing key; it signs every request and the delivery reports");
    static final SmsProviderOption BATCH_SIZE = SmsProviderOption.of("batchSize", Integer.class,
            "The most recipients one send request carries, 1 to 50 (default 50)");

    private static final AcmeWebhooks WEBHOOKS = new AcmeWebhooks();

    private final Map<String, SmsOperation> operations = Map.of(
            "send", SmsOperation.of(this::send)
                    .options("to", "from", "callbackUrl", "defaultRegion", "skipInvalidRecipients",
                            "failOnPartialFailure", "maxSegments")
                    .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.CALLBACK_URL),
            "credit", SmsOperation.of(this::credit));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, SmsOperation> operations() {
        return operations;
    }

    @Override
    public Set<String> options() {
        return Set.of(); // every setting of its own is a provider option
    }

    @Override
    public List<SmsProviderOption> providerOptions() {
        return List.of(KEY_ID, SECRET_KEY, BATCH_SIZE);
    }

    @Override
    public SmsWebhooks webhooks() {
        return WEBHOOKS;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return DEFAULT_BASE_URL;
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        if (isBlank(KEY_ID.string(configuration))) {
            throw SmsErrors.invalid(NAME, operation, "provider.keyId",
                    "the provider.keyId option is not set: use the id of an API key from the Acme console");
        }
        if (isBlank(SECRET_KEY.string(configuration))) {
            throw SmsErrors.invalid(NAME, operation, "provider.secretKey",
                    "the provider.secretKey option is not set: use the secret shown once when the API key was made");
        }
        batchSize(configuration);
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        String baseUrl = configuration.getBaseUrl() != null && !configuration.getBaseUrl().isBlank()
                ? configuration.getBaseUrl() : DEFAULT_BASE_URL;
        return new AcmeSignedRequests(KEY_ID.string(configuration), SECRET_KEY.string(configuration),
                URI.create(baseUrl).getRawPath());
    }

    private static int batchSize(SmsSettings configuration) {
        Integer size = (Integer) BATCH_SIZE.value(configuration);
        if (size == null) {
            return MAX_BATCH;
        }
        if (size < 1 || size > MAX_BATCH) {
            throw SmsErrors.invalid(NAME, configuration.getOperation(), "provider.batchSize",
                    "provider.batchSize must be 1 to " + MAX_BATCH + ", not " + size);
        }
        return size;
    }

    // send

    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, false, number -> number,
                "write numbers in E.164, such as +4520123456");
        String message = call.bodyText();
        if (message == null || message.isBlank()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        SmsText text = call.smsText(message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", null); // set per request
        body.put("text", message);
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from != null) {
            body.put("from", from);
        }
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null) {
            if (!callbackUrl.startsWith("https://") && !callbackUrl.startsWith("http://")) {
                throw call.invalid("callbackUrl", "the callbackUrl '" + callbackUrl + "' must be an absolute"
                                                  + " http(s) URL");
            }
            body.put("callbackUrl", callbackUrl);
        }
        return call.sendBatch(recipients, text, SmsBatch.perRequest(batchSize(configuration), to -> {
            body.put("to", to);
            return SmsHttpRequest.json("POST", "/messages", body, true);
        }, (to, request, response) -> readSent(call, to, request, response)).stopAtFirstFailure());
    }

    /** One result per number sent, in order; a number the answer does not name is in doubt. */
    private static List<SmsRecipientResult> readSent(SmsCall call, List<String> sentTo, SmsHttpRequest request,
                                                     SmsHttpResponse response) {
        JsonNode results = SmsJson.field(response.jsonOrNull(), "results");
        if (results == null || !results.isArray()) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no results array");
        }
        Map<String, SmsRecipientResult> named = new LinkedHashMap<>();
        Set<String> namedTwice = new HashSet<>();
        for (JsonNode entry : results) {
            String to = SmsJson.text(entry, "to");
            if (to == null || !sentTo.contains(to)) {
                continue; // a number that was not sent is never reported
            }
            if (named.containsKey(to)) {
                namedTwice.add(to); // which of the two answers holds is unknown
                continue;
            }
            JsonNode error = SmsJson.field(entry, "error");
            String id = SmsJson.text(entry, "id");
            if (error != null) {
                named.put(to, SmsRecipientResult.rejected(to, SmsJson.text(error, "code"),
                        SmsJson.text(error, "message")));
            } else if (id != null) {
                named.put(to, SmsRecipientResult.accepted(to, id, SmsJson.text(entry, "status"), null));
            }
        }
        List<SmsRecipientResult> ordered = new ArrayList<>(sentTo.size());
        for (String to : sentTo) {
            SmsRecipientResult result = namedTwice.contains(to) ? null : named.get(to);
            ordered.add(result != null ? result : new SmsRecipientResult(to, false, null, SmsRecipientResult.IN_DOUBT,
                    null, null, "the answer does not account for this number once: check before sending again"));
        }
        return ordered;
    }

    // credit

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/credit");
        return call.send(request, response -> readCredit(call.operation(), request, response));
    }

    private static BigDecimal readCredit(String operation, SmsHttpRequest request, SmsHttpResponse response) {
        BigDecimal credit = SmsJson.decimal(response.jsonOrNull(), "credit"); // bounded: an absurd value throws
        if (credit == null) {
            throw SmsErrors.unreadable(NAME, operation, request, response, "no credit value");
        }
        return credit;
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get("/credit");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        try {
            return Map.of("credit", readCredit("healthCheck", request, response));
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response, "an unreadable credit value");
        }
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        JsonNode error = SmsJson.field(response.jsonOrNull(), "error");
        String code = SmsJson.text(error, "code");
        String hint = switch (response.statusCode()) {
            case 401 -> "Check provider.keyId and provider.secretKey, and that this machine's clock is right";
            case 402 -> "Top up the Acme account";
            default -> null;
        };
        return SmsErrors.fromResponse(SmsErrors.kindOf(response.statusCode()), NAME, operation, request, response,
                code, SmsJson.text(error, "message"), hint);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
