package io.github.camelsms.sms.provider.infobip;

import java.math.BigDecimal;
import java.util.Collections;
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
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviderOption;
import io.github.camelsms.sms.spi.SmsWebhooks;

import static io.github.camelsms.sms.spi.SmsHttpRequest.segment;

/**
 * Infobip SMS: JSON over HTTPS on the account's own base URL ({@code https://<id>.api.infobip.com}, the baseUrl
 * option), {@code Authorization: App <apiKey>}. Facts and their sources: shared/reference/more-providers.md section 2;
 * the requests are checked in the tests against src/test/resources/infobip-oai/infobip-sms.yaml, which cites the pages.
 */
public class InfobipProvider implements SmsProvider {

    public static final String NAME = "infobip";

    /** The API key, sent as {@code Authorization: App <key>} (the form Infobip recommends). */
    static final SmsProviderOption API_KEY = SmsProviderOption.secret("apiKey",
            "The Infobip API key (Authorization: App <key>), created in the Infobip web interface under Developer"
            + " tools, API keys; with the scopes the operations need");

    private static final SmsWebhooks WEBHOOKS = new InfobipWebhooks();

    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(InfobipSend::send)
                .options("from", "to", "callbackUrl", "webhookVerifyToken", "flash", "reference", "validityPeriod",
                        "failOnPartialFailure", "maxSegments", "defaultRegion", "skipInvalidRecipients",
                        "maxRecipientsPerRequest")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.SCHEDULED_AT, SmsHeaders.REFERENCE,
                        SmsHeaders.CALLBACK_URL, SmsHeaders.FLASH, SmsHeaders.VALIDITY_PERIOD));
        table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).options("reference")
                .headers(SmsHeaders.REFERENCE));
        table.put("credit", SmsOperation.of(this::credit));
        table.put("getMessage", SmsOperation.of(this::getMessage).headers(SmsHeaders.MESSAGE_ID));
        table.put("listMessages", SmsOperation.of(this::listMessages).options("reference", "maxResults")
                .headers(SmsHeaders.REFERENCE));
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
        return List.of(API_KEY);
    }

    @Override
    public SmsWebhooks webhooks() {
        return WEBHOOKS;
    }

    /** None: every account has its own base URL, which checkConfiguration asks for. */
    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return null;
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.scheme("App", API_KEY.string(configuration));
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        String key = API_KEY.string(configuration);
        if (key == null || key.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "provider.apiKey", "the apiKey option is not set: create an API"
                    + " key in the Infobip web interface (Developer tools, API keys) and set provider.apiKey");
        }
        String baseUrl = configuration.getBaseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "baseUrl", "the baseUrl option is not set: set it to your"
                    + " account's base URL, https://<your id>.api.infobip.com, shown in the Infobip web interface");
        }
    }

    // scheduled bulks, balance and logs

    /** Cancels the scheduled bulk named by the reference ({@code PUT /sms/1/bulks/status} with CANCELED). */
    private CompletableFuture<String> cancelScheduled(SmsCall call) {
        String bulkId = call.text(SmsHeaders.REFERENCE, call.configuration().getReference());
        if (bulkId == null) {
            throw call.invalid("reference", "cancelScheduled needs the bulk id the messages were sent with: set the"
                                            + " CamelSmsReference header (the send sets it) or the reference option");
        }
        SmsHttpRequest request = SmsHttpRequest.json("PUT", "/sms/1/bulks/status?bulkId=" + segment(bulkId),
                Map.of("status", "CANCELED"), false);
        return call.send(request, response -> {
            String status = SmsJson.text(response.jsonOrNull(), "status");
            if (status == null) {
                throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no status");
            }
            call.setOutHeader(SmsHeaders.STATUS, status);
            call.setOutHeader(SmsHeaders.REFERENCE, bulkId);
            return status;
        });
    }

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/account/1/balance");
        return call.send(request, response -> {
            JsonNode json = response.jsonOrNull();
            BigDecimal balance = InfobipResponses.balance(json);
            String currency = SmsJson.text(json, "currency");
            if (currency != null) {
                call.setOutHeader(SmsHeaders.CURRENCY, currency);
            }
            return balance;
        });
    }

    /** The message with the CamelSmsMessageId, from the logs of the last 48 hours. */
    private CompletableFuture<SmsMessage> getMessage(SmsCall call) {
        String messageId = call.text(SmsHeaders.MESSAGE_ID, null);
        if (messageId == null) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "getMessage needs the message id in the CamelSmsMessageId"
                                                        + " header");
        }
        SmsHttpRequest request = SmsHttpRequest.get("/sms/3/logs?messageId=" + segment(messageId));
        return call.send(request, response -> {
            List<SmsMessage> messages = InfobipResponses.messages(response.jsonOrNull());
            SmsMessage message = messages.stream().filter(m -> messageId.equals(m.getSid())).findFirst()
                    .orElse(null);
            if (message == null) {
                throw SmsErrors.fromResponse(SmsErrors.Kind.NOT_FOUND, NAME, call.operation(), request, response,
                        null, "no message " + messageId + " in the logs", "Infobip keeps logs for 48 hours; a"
                        + " message it never received is not there either");
            }
            call.setOutHeader(SmsHeaders.MESSAGE_ID, message.getSid());
            call.setOutHeader(SmsHeaders.STATUS, message.getStatus());
            return message;
        });
    }

    /** The messages of the logs (the last 48 hours), of the bulk named by the reference when set. */
    private CompletableFuture<List<SmsMessage>> listMessages(SmsCall call) {
        int maxResults = call.configuration().getMaxResults();
        if (maxResults < 1 || maxResults > 1000) {
            throw call.invalid("maxResults", "maxResults must be 1 to 1000 for Infobip (the logs' limit)");
        }
        String bulkId = call.text(SmsHeaders.REFERENCE, call.configuration().getReference());
        String query = "?limit=" + maxResults + (bulkId == null ? "" : "&bulkId=" + segment(bulkId));
        SmsHttpRequest request = SmsHttpRequest.get("/sms/3/logs" + query);
        return call.send(request, response -> InfobipResponses.messages(response.jsonOrNull()));
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get("/account/1/balance");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        JsonNode json = response.jsonOrNull();
        BigDecimal balance;
        try {
            balance = InfobipResponses.balance(json);
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response,
                    "a balance that cannot be read (" + e.getMessage() + ")");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("balance", balance);
        String currency = SmsJson.text(json, "currency");
        if (currency != null) {
            details.put("currency", currency);
        }
        return details;
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return InfobipResponses.toException(response, request, operation);
    }
}
