package io.github.camelsms.sms.provider.gatewayapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.github.camelsms.sms.text.SmsTimes;
import io.github.camelsms.sms.spi.SmsWebhooks;

/**
 * GatewayAPI's REST API (gatewayapi.com, or gatewayapi.eu for the EU platform): JSON with
 * {@code Authorization: Token <token>}. One message object per request carries up to 10 000 recipients and gets one
 * id for all of them; the answer says what the request cost, not what each recipient did.
 *
 * @see <a href="https://gatewayapi.com/docs/apis/rest">GatewayAPI REST</a>
 */
public class GatewayapiProvider implements SmsProvider {

    public static final String NAME = "gatewayapi";

    static final String GLOBAL_URL = "https://gatewayapi.com";
    static final String EU_URL = "https://gatewayapi.eu";
    /** GatewayAPI's limit of recipients in one message object. */
    static final int MAX_RECIPIENTS_PER_MESSAGE = 10_000;
    /** validity_period is in seconds and at least 60. */
    static final int MIN_VALIDITY_PERIOD = 60;
    static final String FORMAT_HINT = "use the country code and the number, for example 4512345678 or +4512345678";

    static final SmsProviderOption TOKEN = SmsProviderOption.secret("token",
            "The GatewayAPI API token (Settings, API keys), sent as Authorization: Token <token>.");
    static final SmsProviderOption REGION = SmsProviderOption.of("region", String.class,
            "com (the default) for https://gatewayapi.com or eu for the EU platform https://gatewayapi.eu; baseUrl"
            + " overrides it.");
    static final SmsProviderOption AUTHENTICATION_TOKEN = SmsProviderOption.secret("authenticationToken",
            "The authentication token of the GatewayAPI webhook: GatewayAPI signs its webhooks with it"
            + " (X-Gwapi-Signature, a JWT signed HS256). Consumers need it to validate signatures.");

    private static final GatewayapiWebhooks WEBHOOKS = new GatewayapiWebhooks();

    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(this::send)
                .options("from", "to", "callbackUrl", "reference", "validityPeriod", "flash", "maxSegments",
                        "failOnPartialFailure", "maxRecipientsPerRequest", "defaultRegion", "skipInvalidRecipients")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.REFERENCE, SmsHeaders.CALLBACK_URL,
                        SmsHeaders.SCHEDULED_AT, SmsHeaders.VALIDITY_PERIOD, SmsHeaders.FLASH));
        table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).headers(SmsHeaders.MESSAGE_ID));
        table.put("credit", SmsOperation.of(this::credit));
        table.put("getMessage", SmsOperation.of(this::getMessage).headers(SmsHeaders.MESSAGE_ID));
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
        return List.of(TOKEN, REGION, AUTHENTICATION_TOKEN);
    }

    @Override
    public SmsWebhooks webhooks() {
        return WEBHOOKS;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return "eu".equals(region(configuration)) ? EU_URL : GLOBAL_URL;
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.scheme("Token", TOKEN.string(configuration));
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        String token = TOKEN.string(configuration);
        if (token == null || token.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "provider.token", "the provider.token option is not set: create"
                    + " an API token in GatewayAPI under Settings, API keys");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw SmsErrors.invalid(NAME, operation, "provider.token", "the provider.token option holds white space or"
                    + " control characters: copy the API token again");
        }
        String region = REGION.string(configuration);
        if (region != null && !"com".equals(region.toLowerCase(Locale.ROOT))
            && !"eu".equals(region.toLowerCase(Locale.ROOT))) {
            throw SmsErrors.invalid(NAME, operation, "provider.region", "provider.region must be com"
                    + " (gatewayapi.com) or eu (gatewayapi.eu), not '" + region + "'");
        }
        int max = configuration.getMaxRecipientsPerRequest();
        if (max < 1 || max > MAX_RECIPIENTS_PER_MESSAGE) {
            throw SmsErrors.invalid(NAME, operation, "maxRecipientsPerRequest", "maxRecipientsPerRequest must be"
                    + " between 1 and " + MAX_RECIPIENTS_PER_MESSAGE + " (GatewayAPI's limit per message)");
        }
    }

    private static String region(SmsSettings configuration) {
        String region = REGION.string(configuration);
        return region == null ? "com" : region.toLowerCase(Locale.ROOT);
    }

    // sending

    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, true, e164 -> e164.substring(1), FORMAT_HINT);
        String message = call.bodyText();
        if (message == null || message.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        SmsText text = call.smsText(message);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", message);
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from != null) {
            fields.put("sender", sender(call, from));
        }
        if (SmsText.UCS2.equals(text.encoding())) {
            // GatewayAPI's default, UTF8, means GSM 03.38: characters outside it would be replaced
            fields.put("encoding", "UCS2");
        }
        String reference = call.text(SmsHeaders.REFERENCE, configuration.getReference());
        if (reference != null) {
            fields.put("userref", reference);
        }
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null) {
            if (!callbackUrl.matches("https?://[^\\s]+")) {
                throw call.invalid("callbackUrl", "the callback URL '" + callbackUrl + "' must be an absolute"
                                                  + " http(s) URL");
            }
            fields.put("callback_url", callbackUrl);
        }
        Instant scheduledAt = scheduledAt(call);
        if (scheduledAt != null) {
            fields.put("sendtime", scheduledAt.getEpochSecond());
        }
        Integer validityPeriod = validityPeriod(call);
        if (validityPeriod != null) {
            fields.put("validity_period", validityPeriod);
        }
        Boolean flash = call.header(SmsHeaders.FLASH, Boolean.class);
        if (Boolean.TRUE.equals(flash != null ? flash : configuration.getFlash())) {
            fields.put("destaddr", "DISPLAY");
        }

        GatewayapiUsage usage = new GatewayapiUsage();
        // a failed request fails the next ones the same way (credentials, credit, a blacklisted number aside)
        SmsBatch batch = SmsBatch.perRequest(configuration.getMaxRecipientsPerRequest(), group -> {
            Map<String, Object> body = new LinkedHashMap<>(fields);
            List<Map<String, Object>> to = new ArrayList<>(group.size());
            group.forEach(number -> to.add(Map.of("msisdn", Long.parseLong(number))));
            body.put("recipients", to);
            return SmsHttpRequest.json("POST", "/rest/mtsms", body, true);
        }, (group, request, response) -> GatewayapiResponses.sent(call, request, response, group, usage))
                .stopAtFirstFailure();
        return call.sendBatch(recipients, text, batch).thenApply(result -> {
            usage.setHeaders(call);
            return result;
        });
    }

    /** At most 11 letters, digits and spaces, or at most 15 digits (a leading + is dropped). */
    private static String sender(SmsCall call, String from) {
        String digits = from.startsWith("+") ? from.substring(1) : from;
        if (digits.matches("[0-9]{1,15}")) {
            return digits;
        }
        if (from.matches("[A-Za-z0-9 ]{1,11}") && !from.isBlank()) {
            return from;
        }
        throw call.invalid("from", "the sender '" + from + "' must be at most 11 letters, digits and spaces, or at"
                                   + " most 15 digits");
    }

    private static Instant scheduledAt(SmsCall call) {
        Object raw = call.rawHeader(SmsHeaders.SCHEDULED_AT);
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = SmsTimes.toInstant(raw);
        } catch (IllegalArgumentException e) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "CamelSmsScheduledAt is " + e.getMessage());
        }
        if (!at.isAfter(Instant.now())) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + at + " is not in the future;"
                                                          + " remove the header to send now");
        }
        return at;
    }

    private static Integer validityPeriod(SmsCall call) {
        Object header = call.rawHeader(SmsHeaders.VALIDITY_PERIOD);
        Integer seconds;
        if (header != null) {
            try {
                seconds = Integer.valueOf(header.toString().trim());
            } catch (NumberFormatException e) {
                throw call.invalid("validityPeriod", "CamelSmsValidityPeriod must be a whole number of seconds");
            }
        } else {
            seconds = call.configuration().getValidityPeriod();
        }
        if (seconds != null && seconds < MIN_VALIDITY_PERIOD) {
            throw call.invalid("validityPeriod", "the validity period is " + seconds + " seconds; GatewayAPI takes at"
                                                 + " least " + MIN_VALIDITY_PERIOD);
        }
        return seconds;
    }

    // reads and cancel

    private CompletableFuture<String> cancelScheduled(SmsCall call) {
        String id = messageId(call);
        return call.send(SmsHttpRequest.delete("/rest/mtsms/" + id), response -> {
            call.setOutHeader(SmsHeaders.STATUS, "DELETED");
            return id;
        });
    }

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/rest/me");
        return call.send(request, response -> {
            JsonNode json = response.jsonOrNull();
            BigDecimal credit = SmsJson.decimal(json, "credit");
            if (credit == null) {
                throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no credit");
            }
            call.setOutHeader(SmsHeaders.CURRENCY, GatewayapiResponses.currency(json));
            return credit;
        });
    }

    private CompletableFuture<List<SmsMessage>> getMessage(SmsCall call) {
        String id = messageId(call);
        SmsHttpRequest request = SmsHttpRequest.get("/rest/mtsms/" + id);
        return call.send(request, response -> {
            List<SmsMessage> recipients = GatewayapiResponses.message(call, request, response, id);
            if (recipients.size() == 1) {
                call.setOutHeader(SmsHeaders.STATUS, recipients.get(0).getStatus());
            }
            return recipients;
        });
    }

    private static String messageId(SmsCall call) {
        String id = call.text(SmsHeaders.MESSAGE_ID, null);
        if (id == null) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, call.operation() + " needs the message id the send returned in"
                                                        + " the CamelSmsMessageId header");
        }
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "the message id '" + id + "' is not a GatewayAPI message id"
                                                        + " (a number)");
        }
        return id;
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get("/rest/me");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        JsonNode json = response.jsonOrNull();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            BigDecimal credit = SmsJson.decimal(json, "credit");
            if (credit == null) {
                throw SmsErrors.unreadable(NAME, "healthCheck", request, response, "no credit");
            }
            details.put("credit", credit);
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response,
                    "a value that cannot be read (" + e.getMessage() + ")");
        }
        String currency = GatewayapiResponses.currency(json);
        if (currency != null) {
            details.put("currency", currency);
        }
        return details;
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return GatewayapiResponses.toException(response, request, operation);
    }
}
