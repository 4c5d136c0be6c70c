package io.github.camelsms.sms.provider.telnyx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsTransport;
import io.github.camelsms.sms.model.SmsMessage;
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
import io.github.camelsms.sms.text.SmsTimes;
import io.github.camelsms.sms.spi.SmsWebhooks;

import static io.github.camelsms.sms.spi.SmsHttpRequest.segment;

/**
 * Telnyx Messaging API v2: JSON over HTTPS to https://api.telnyx.com/v2 with {@code Authorization: Bearer <API key>},
 * one recipient per message (a send to many is a fan-out), scheduling with {@code send_at} and cancelling by
 * {@code DELETE /messages/{id}}, the account balance, and webhooks signed with Ed25519 (developers.telnyx.com: the
 * pages are cited in src/test/resources/telnyx-oai). Telnyx takes no client reference and documents no lookup other
 * than by its own message id: a send in doubt cannot be checked except through the portal's message records.
 */
public class TelnyxProvider implements SmsProvider {

    public static final String NAME = "telnyx";
    public static final String DEFAULT_BASE_URL = "https://api.telnyx.com/v2";

    static final SmsProviderOption API_KEY = SmsProviderOption.secret("apiKey",
            "The Telnyx API v2 key (portal: API Keys), sent as a Bearer token");
    static final SmsProviderOption PUBLIC_KEY = SmsProviderOption.of("publicKey", String.class,
            "The account's public key (portal: Keys & Credentials, Public Key; Base64 of 32 bytes), which webhook"
            + " signatures are verified with; not a secret");
    static final SmsProviderOption MESSAGING_PROFILE_ID = SmsProviderOption.of("messagingProfileId", String.class,
            "The messaging profile to send with (messaging_profile_id): needed for an alphanumeric sender or a"
            + " number pool");

    /** Text of at most 10 parts: Telnyx's answer counts at most 10 ({@code parts}). */
    static final int MAX_SEGMENTS = 10;
    /** send_at 5 minutes to 5 days ahead (developers.telnyx.com/docs/messaging/messages/schedule-message). */
    static final Duration MIN_SCHEDULE_AHEAD = Duration.ofMinutes(5);
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(5);

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    /** Alphanumeric senders cannot send to these (developers.telnyx.com/docs/messaging/messages/alphanumeric-sender-id). */
    private static final Set<String> NO_ALPHANUMERIC_REGIONS = Set.of("US", "CA", "PR");
    private static final String FORMAT_HINT = "use E.164, a + then the country code and the number, for example"
                                              + " +4522334488, or set defaultRegion";

    private final TelnyxWebhooks webhooks = new TelnyxWebhooks();
    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(this::send)
                .options("from", "to", "callbackUrl", "failOnPartialFailure", "maxConcurrentRequests",
                        "defaultRegion", "skipInvalidRecipients", "maxSegments")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.CALLBACK_URL, SmsHeaders.SCHEDULED_AT));
        table.put("getMessage", SmsOperation.of(this::getMessage).headers(SmsHeaders.MESSAGE_ID));
        table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).headers(SmsHeaders.MESSAGE_ID));
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
        return List.of(API_KEY, PUBLIC_KEY, MESSAGING_PROFILE_ID);
    }

    @Override
    public SmsWebhooks webhooks() {
        return webhooks;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        return DEFAULT_BASE_URL;
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.bearer(API_KEY.string(configuration));
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        String apiKey = API_KEY.string(configuration);
        if (apiKey == null || apiKey.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "provider.apiKey", "the provider.apiKey option is not set: use"
                    + " a Telnyx API v2 key from the portal's API Keys page");
        }
        if (!apiKey.equals(apiKey.strip()) || apiKey.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw SmsErrors.invalid(NAME, operation, "provider.apiKey", "the provider.apiKey option has white space"
                    + " or characters an HTTP header cannot carry: copy the key again");
        }
        String profile = MESSAGING_PROFILE_ID.string(configuration);
        if (profile != null && !TelnyxResponses.MESSAGE_ID.matcher(profile).matches()) {
            throw SmsErrors.invalid(NAME, operation, "provider.messagingProfileId", "the messaging profile id '"
                    + profile + "' is not a UUID: copy it from the portal's Messaging page");
        }
    }

    // send

    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, false, e164 -> e164, FORMAT_HINT);
        String profile = MESSAGING_PROFILE_ID.string(configuration);
        String from = sender(call, profile);
        if (from != null && ALPHANUMERIC.matcher(from).matches()) {
            for (String to : recipients.numbers()) {
                if (NO_ALPHANUMERIC_REGIONS.contains(region(to))) {
                    throw call.invalid("from", "Telnyx cannot send from the alphanumeric sender '" + from + "' to "
                                               + to + ": alphanumeric senders cannot reach the US, Canada or Puerto"
                                               + " Rico; use a number");
                }
            }
        }
        String body = call.bodyText();
        if (body == null || body.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        SmsText text = call.smsText(body);
        if (text.segments() > MAX_SEGMENTS) {
            throw call.invalid("body", "the message takes " + text.segments() + " SMS segments; Telnyx sends at most "
                                       + MAX_SEGMENTS);
        }
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null && !isAbsoluteHttpUrl(callbackUrl)) {
            throw call.invalid("callbackUrl", "the callback URL '" + callbackUrl + "' must be an absolute http(s)"
                                              + " URL");
        }
        Instant sendAt = sendAt(call);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("to", null); // first in the JSON; each request sets it
        if (from != null) {
            json.put("from", from);
        }
        if (profile != null) {
            json.put("messaging_profile_id", profile);
        }
        json.put("text", body);
        if (callbackUrl != null) {
            json.put("webhook_url", callbackUrl);
        }
        if (sendAt != null) {
            json.put("send_at", sendAt.toString());
        }
        int concurrency = configuration.getMaxConcurrentRequests();
        return call.sendBatch(recipients, text, SmsBatch.perRecipient(to -> {
            Map<String, Object> one = new LinkedHashMap<>(json);
            one.put("to", to);
            return SmsHttpRequest.json("POST", "/messages", one, true);
        }, (to, request, response) -> TelnyxResponses.sent(NAME, call.operation(), to, request, response))
                .concurrency(concurrency)).thenApply(result -> {
                    List<SmsRecipientResult> sent = result.getRecipients();
                    if (sent.size() == 1 && sent.get(0).getMessageId() != null) {
                        call.setOutHeader(SmsHeaders.MESSAGE_ID, sent.get(0).getMessageId());
                    }
                    return result;
                });
    }

    /** The sender: a +E.164 number, a short code, or an alphanumeric sender ID with a messaging profile. */
    private static String sender(SmsCall call, String profile) {
        String from = call.text(SmsHeaders.FROM, call.configuration().getFrom());
        if (from == null) {
            if (profile == null) {
                throw call.invalid("from", "Telnyx needs a sender: set the from option or the CamelSmsFrom header to"
                                           + " your Telnyx number, or set provider.messagingProfileId to send from"
                                           + " the profile's number pool");
            }
            return null;
        }
        if (E164.matcher(from).matches() || SHORT_CODE.matcher(from).matches()) {
            return from;
        }
        if (ALPHANUMERIC.matcher(from).matches()) {
            if (profile == null) {
                throw call.invalid("from", "the alphanumeric sender '" + from + "' needs a messaging profile: set"
                                           + " provider.messagingProfileId");
            }
            return from;
        }
        throw call.invalid("from", "the sender '" + from + "' must be a number in E.164 (+ and the country code), a"
                                   + " short code of 3 to 8 digits, or 1 to 11 letters, digits and spaces with at"
                                   + " least one letter");
    }

    private static String region(String e164) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.getRegionCodeForNumber(util.parse(e164, null));
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Instant sendAt(SmsCall call) {
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
        // Telnyx schedules to the minute; whole seconds keep the ISO 8601 form plain
        at = at.truncatedTo(ChronoUnit.SECONDS);
        Duration ahead = Duration.between(Instant.now(), at);
        if (ahead.compareTo(MIN_SCHEDULE_AHEAD) < 0 || ahead.compareTo(MAX_SCHEDULE_AHEAD) > 0) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + at + " must be 5 minutes to 5 days"
                                                          + " ahead (Telnyx's scheduling window); remove the header"
                                                          + " to send now");
        }
        return at;
    }

    private static boolean isAbsoluteHttpUrl(String url) {
        return (url.startsWith("http://") || url.startsWith("https://")) && url.length() > "https://".length()
               && url.chars().noneMatch(c -> c <= ' ');
    }

    // one message, and the balance

    private CompletableFuture<SmsMessage> getMessage(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/messages/" + segment(messageId(call)));
        return call.send(request, response -> readMessage(call, request, response));
    }

    private CompletableFuture<SmsMessage> cancelScheduled(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.delete("/messages/" + segment(messageId(call)));
        return call.send(request, response -> readMessage(call, request, response));
    }

    private static SmsMessage readMessage(SmsCall call, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode message = TelnyxResponses.message(response.jsonOrNull());
        if (message == null) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no message resource");
        }
        SmsMessage result = TelnyxResponses.toMessage(message);
        call.setOutHeader(SmsHeaders.STATUS, result.getStatus());
        return result;
    }

    private static String messageId(SmsCall call) {
        String id = call.text(SmsHeaders.MESSAGE_ID, null);
        if (id == null) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, call.operation() + " needs the Telnyx message id in the"
                                                        + " CamelSmsMessageId header");
        }
        if (!TelnyxResponses.MESSAGE_ID.matcher(id).matches()) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "the message id '" + id + "' is not a Telnyx message id (a"
                                                        + " UUID)");
        }
        return id;
    }

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get("/balance");
        return call.send(request, response -> {
            JsonNode data = balanceOf(response);
            BigDecimal balance = SmsJson.decimal(data, "balance");
            if (balance == null) {
                throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no balance");
            }
            call.setOutHeader(SmsHeaders.CURRENCY, SmsJson.text(data, "currency"));
            return balance;
        });
    }

    private static JsonNode balanceOf(SmsHttpResponse response) {
        JsonNode json = response.jsonOrNull();
        return json == null ? null : json.get("data");
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get("/balance");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        JsonNode data = balanceOf(response);
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            BigDecimal balance = SmsJson.decimal(data, "balance");
            if (balance == null) {
                throw SmsErrors.unreadable(NAME, "healthCheck", request, response, "no balance");
            }
            details.put("balance", balance);
            BigDecimal available = SmsJson.decimal(data, "available_credit");
            if (available != null) {
                details.put("availableCredit", available);
            }
        } catch (IllegalArgumentException e) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response,
                    "a value that cannot be read (" + e.getMessage() + ")");
        }
        String currency = SmsJson.text(data, "currency");
        if (currency != null) {
            details.put("currency", currency);
        }
        return details;
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return TelnyxResponses.toException(NAME, response, request, operation);
    }
}
