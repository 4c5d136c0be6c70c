package io.github.camelsms.sms.provider.vonage;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsTransport;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsBatch;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviderOption;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.text.SmsText;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * Vonage's SMS API (https://developer.vonage.com/en/api/sms; not the Messages API): one recipient per
 * {@code POST /sms/json} with a form body, an always-200 answer with a status per SMS part, and the account balance
 * from the Account API ({@code GET /account/get-balance}). Both on rest.nexmo.com, authenticated with HTTP Basic (API
 * key and secret), as Vonage's current documents say: https://developer.vonage.com/en/concepts/guides/authentication
 * lists the SMS and Accounts APIs under "API key and secret (header)". The older OpenAPI definition put
 * {@code api_key} and {@code api_secret} in the form (or the query); the header keeps the secret out of bodies and
 * URLs.
 */
public class VonageProvider implements SmsProvider {

    public static final String NAME = "vonage";
    public static final String DEFAULT_BASE_URL = "https://rest.nexmo.com";

    static final SmsProviderOption API_KEY = SmsProviderOption.secret("apiKey",
            "The Vonage API key (vonage), shown under API Settings in the Vonage dashboard.");
    static final SmsProviderOption SECRET = SmsProviderOption.secret("secret",
            "The Vonage API secret (vonage), shown under API Settings in the Vonage dashboard.");
    static final SmsProviderOption SECRET_KEY = SmsProviderOption.secret("secretKey",
            "The Vonage signature secret that signs webhooks (vonage consumers with validateSignature; not the API"
            + " secret): shown under API Settings once Vonage support has turned signed webhooks on.");
    static final SmsProviderOption SIGNATURE_METHOD = SmsProviderOption.of("signatureMethod", String.class,
            "The signature method chosen under API Settings (vonage consumers): md5hash (the default), md5, sha1,"
            + " sha256 or sha512 (the last four are HMACs).");

    /** Vonage accepts up to 3200 characters, split into parts (https://developer.vonage.com/en/messaging/sms/guides/concatenation-and-encoding). */
    static final int MAX_TEXT = 3200;
    /** client-ref: "up to 40 characters" (sms.yml NewMessage). */
    static final int MAX_REFERENCE = 40;
    /** ttl in milliseconds: 20000 to 604800000 (sms.yml NewMessage); validityPeriod is in seconds. */
    static final int MIN_VALIDITY_SECONDS = 20;
    static final int MAX_VALIDITY_SECONDS = 604_800;

    static final String FORMAT_HINT = "use the country code and the number, for example +447700900000, or set"
                                      + " defaultRegion for national numbers";

    private static final VonageWebhooks WEBHOOKS = new VonageWebhooks();
    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(this::send)
                .options("from", "to", "defaultRegion", "skipInvalidRecipients", "callbackUrl", "validityPeriod",
                        "reference", "failOnPartialFailure", "maxSegments", "maxConcurrentRequests")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.REFERENCE, SmsHeaders.CALLBACK_URL,
                        SmsHeaders.VALIDITY_PERIOD));
        table.put("credit", SmsOperation.of(this::credit));
        return Collections.unmodifiableMap(table);
    }

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
        return Set.of();
    }

    @Override
    public List<SmsProviderOption> providerOptions() {
        return List.of(API_KEY, SECRET, SECRET_KEY, SIGNATURE_METHOD);
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
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.basic(API_KEY.string(configuration), SECRET.string(configuration));
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        if (isBlank(API_KEY.string(configuration))) {
            throw SmsErrors.invalid(NAME, operation, "provider.apiKey", "the provider.apiKey option is not set: use"
                    + " the API key shown under API Settings in the Vonage dashboard");
        }
        if (isBlank(SECRET.string(configuration))) {
            throw SmsErrors.invalid(NAME, operation, "provider.secret", "the provider.secret option is not set: use"
                    + " the API secret shown under API Settings in the Vonage dashboard (not the signature secret)");
        }
        if (configuration.getMaxConcurrentRequests() < 1) {
            throw SmsErrors.invalid(NAME, operation, "maxConcurrentRequests", "maxConcurrentRequests must be at"
                    + " least 1");
        }
    }

    // sending

    /**
     * One request per recipient, at most maxConcurrentRequests at once; the send stops at the first request that
     * fails as a whole (credentials, credit, throttling, a server error), as the next ones would most likely fail the
     * same way. A number Vonage rejects (barred, not whitelisted, ...) is a rejected result and the send goes on.
     */
    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        VonageSendForm form = VonageSendForm.of(call);
        SmsRecipients recipients = SmsRecipients.resolve(call, true, e164 -> e164.substring(1), FORMAT_HINT);
        SmsText text = form.text();
        return call.sendBatch(recipients, text, SmsBatch.perRecipient(form::request,
                (to, request, response) -> VonageResponses.sent(call.operation(), to, request, response))
                .concurrency(call.configuration().getMaxConcurrentRequests()).stopAtFirstFailure());
    }

    // the balance

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get(VonageResponses.BALANCE_PATH);
        return call.send(request, response -> {
            BigDecimal balance = VonageResponses.balance(response);
            call.setOutHeader(SmsHeaders.CURRENCY, VonageResponses.BALANCE_CURRENCY);
            return balance;
        });
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get(VonageResponses.BALANCE_PATH);
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        BigDecimal balance;
        try {
            balance = VonageResponses.balance(response);
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response,
                    "a value that cannot be read (" + e.getMessage() + ")");
        }
        if (balance.signum() <= 0) {
            throw new SmsInsufficientCreditException("vonage has no credit left (" + balance + " "
                                                     + VonageResponses.BALANCE_CURRENCY + "): top up the account",
                    new SmsFailure(NAME, "healthCheck", response.statusCode(), null, false, false,
                            response.bodyAsString(), response.headers()));
        }
        return Map.of("balance", balance, "currency", VonageResponses.BALANCE_CURRENCY);
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return VonageResponses.toException(response, request, operation);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
