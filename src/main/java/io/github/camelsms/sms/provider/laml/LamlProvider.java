package io.github.camelsms.sms.provider.laml;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsBatch;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.spi.SmsHttpRequest;
import io.github.camelsms.sms.spi.SmsHttpResponse;
import io.github.camelsms.sms.spi.SmsTransport;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.text.SmsText;

import static io.github.camelsms.sms.spi.SmsHttpRequest.segment;

/**
 * The Twilio-compatible "LaML" REST API: form posts to {baseUrl}/Accounts/{AccountSid}/Messages.json with Basic
 * authentication (account id and token). mycpaas, Twilio and SignalWire differ in their base URL, their id formats and
 * the features they document: each subclass overrides the feature methods below, and what a provider does not
 * document is refused before sending ({@link LamlSendParameters}).
 */
public abstract class LamlProvider implements SmsProvider {

    static final int MAX_BODY_LENGTH = 1600;
    static final int MAX_MEDIA_URLS = 10;
    private static final int MAX_PAGES = 1000;
    /** What a send reads of the message resource it gets back (see {@link #outcome}). */
    private static final String[] SENT_FIELDS = { "sid", "to", "status", "price", "error_code", "error_message" };
    /** The statuses with which a provider declares, in its 201, that the message will not be sent. */
    private static final Set<String> FAILED_STATUSES = Set.of("failed", "undelivered", "canceled");

    static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final LamlWebhooks webhooks = new LamlWebhooks(this);
    private Map<String, SmsOperation> operations;

    /** The operations and what each honours, from the features the provider documents (the methods below). */
    @Override
    public synchronized Map<String, SmsOperation> operations() {
        if (operations == null) {
            operations = operationTable();
        }
        return operations;
    }

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(this::send)
                .options("from", "to", "callbackUrl", "webhookVerifyToken", "mediaUrl", "failOnPartialFailure",
                        "maxConcurrentRequests", "defaultRegion", "skipInvalidRecipients", "maxSegments")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.CALLBACK_URL, SmsHeaders.MEDIA_URL)
                .optionsIf(supportsMessagingService(), "messagingServiceSid")
                .headersIf(supportsMessagingService(), SmsHeaders.MESSAGING_SERVICE_SID)
                .headersIf(supportsScheduling(), SmsHeaders.SCHEDULED_AT)
                .optionsIf(maxValidityPeriod() > 0, "validityPeriod")
                .headersIf(maxValidityPeriod() > 0, SmsHeaders.VALIDITY_PERIOD)
                .optionsIf(supportsSmartEncoded(), "smartEncoded")
                .optionsIf(supportsShortenUrls(), "shortenUrls")
                .optionsIf(supportsSendAsMms(), "sendAsMms")
                .optionsIf(supportsMaxPrice(), "maxPrice"));
        table.put("getMessage", SmsOperation.of(this::getMessage).headers(SmsHeaders.MESSAGE_ID));
        table.put("listMessages", SmsOperation.of(this::listMessages)
                .options("maxResults", "pageSize", "defaultRegion")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.DATE_SENT, SmsHeaders.DATE_SENT_AFTER,
                        SmsHeaders.DATE_SENT_BEFORE));
        table.put("deleteMessage", SmsOperation.of(this::deleteMessage).headers(SmsHeaders.MESSAGE_ID));
        if (supportsScheduling()) {
            table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).headers(SmsHeaders.MESSAGE_ID));
        }
        if (hasBalance()) {
            table.put("credit", SmsOperation.of(this::credit));
        }
        return Collections.unmodifiableMap(table);
    }

    @Override
    public Set<String> options() {
        return Set.of("accountSid", "authToken");
    }

    // what the provider documents; the defaults are the common Messages resource only (mycpaas)

    /** Whether the id is the provider's account id (the Basic user and the {AccountSid} path segment). */
    protected boolean isAccountId(String id) {
        return ACCOUNT_SID.matcher(id).matches();
    }

    /** What the account id looks like and where it is found, for error messages. */
    protected String accountIdDescription() {
        return "the Account SID: AC followed by 32 hex digits, shown in your " + name() + " console";
    }

    /** Whether the sid is one of the provider's message sids. */
    protected boolean isMessageId(String sid) {
        return MESSAGE_SID.matcher(sid).matches();
    }

    protected String messageIdDescription() {
        return "SM or MM followed by 32 hex digits";
    }

    /** The senders the provider accepts, for error messages. */
    protected String senderKinds() {
        return "your " + name() + " number in E.164, for example +15005550006";
    }

    protected boolean acceptsAlphanumericSender() {
        return false;
    }

    protected boolean acceptsShortCodeSender() {
        return false;
    }

    /** Channel prefixes (such as whatsapp) accepted in front of an E.164 number in From and To. */
    protected Set<String> channels() {
        return Set.of();
    }

    protected boolean supportsMessagingService() {
        return false;
    }

    /** ScheduleType=fixed with SendAt, and cancelling by Status=canceled. */
    protected boolean supportsScheduling() {
        return false;
    }

    /** The largest ValidityPeriod in seconds; 0 when the provider does not document it. */
    protected int maxValidityPeriod() {
        return 0;
    }

    protected boolean supportsSmartEncoded() {
        return false;
    }

    protected boolean supportsShortenUrls() {
        return false;
    }

    protected boolean supportsSendAsMms() {
        return false;
    }

    protected boolean supportsMaxPrice() {
        return false;
    }

    /** Whether the account has a Balance resource (/Accounts/{AccountSid}/Balance.json). */
    protected boolean hasBalance() {
        return false;
    }

    @Override
    public SmsWebhooks webhooks() {
        return webhooks;
    }

    /** Whether webhooks are signed with a Signing Key of their own (secretKey option) rather than the authToken. */
    protected boolean signsWithSigningKey() {
        return false;
    }

    /** Whether the provider documents signed webhooks, so that consumers validate signatures by default. */
    protected boolean signsWebhooks() {
        return true;
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.basic(configuration.getAccountSid(), configuration.getAuthToken());
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String sid = configuration.getAccountSid();
        if (sid == null || sid.isBlank()) {
            throw SmsErrors.invalid(name(), configuration.getOperation(), "accountSid",
                    "the accountSid option is not set: use " + accountIdDescription());
        }
        if (!isAccountId(sid)) {
            throw SmsErrors.invalid(name(), configuration.getOperation(), "accountSid",
                    "the accountSid '" + sid + "' is not a " + name() + " account id: use " + accountIdDescription());
        }
        String token = configuration.getAuthToken();
        if (token == null || token.isBlank()) {
            throw SmsErrors.invalid(name(), configuration.getOperation(), "authToken",
                    "the authToken option is not set: use the Auth Token of your " + name() + " account");
        }
        if (!token.equals(token.strip())) {
            throw SmsErrors.invalid(name(), configuration.getOperation(), "authToken",
                    "the authToken has leading or trailing white space: remove it");
        }
    }

    private String messagesPath(SmsCall call) {
        return "/Accounts/" + segment(call.configuration().getAccountSid()) + "/Messages";
    }

    // send

    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, false, e164 -> e164, LamlNumbers.FORMAT_HINT,
                channels());
        List<String> numbers = recipients.numbers();
        String messagingServiceSid = LamlSendParameters.messagingServiceSid(call, this);
        String from = LamlSendParameters.from(call, this, messagingServiceSid);
        List<String> mediaUrls = LamlSendParameters.mediaUrls(call);
        if (mediaUrls.size() > MAX_MEDIA_URLS) {
            throw call.invalid("mediaUrl", mediaUrls.size() + " media URLs given; at most " + MAX_MEDIA_URLS);
        }
        for (String url : mediaUrls) {
            if (!isAbsoluteHttpUrl(url)) {
                throw call.invalid("mediaUrl", "the media URL '" + url + "' must be an absolute http(s) URL");
            }
        }
        String body = call.bodyText();
        if ((body == null || body.isEmpty()) && mediaUrls.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty and no media URL is given");
        }
        if (body != null && body.length() > MAX_BODY_LENGTH) {
            throw call.invalid("body", "the message has " + body.length() + " characters; " + name()
                                       + " takes at most " + MAX_BODY_LENGTH);
        }
        SmsText text = call.smsText(body);
        String callbackUrl = call.text(SmsHeaders.CALLBACK_URL, configuration.getCallbackUrl());
        if (callbackUrl != null && !isAbsoluteHttpUrl(callbackUrl)) {
            throw call.invalid("callbackUrl", "the callback URL '" + callbackUrl + "' must be an absolute http(s) URL");
        }
        Map<String, Object> optional = LamlSendParameters.optional(call, this, messagingServiceSid);

        String path = messagesPath(call) + ".json";
        String statusCallback = callbackUrl == null ? null
                : SmsCallbackUrls.withParam(callbackUrl, SmsCallbackUrls.TOKEN_PARAM,
                        configuration.getWebhookVerifyToken());
        Function<String, SmsHttpRequest> request = to -> {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("To", to);
            if (from != null) {
                form.put("From", from);
            }
            if (messagingServiceSid != null) {
                form.put("MessagingServiceSid", messagingServiceSid);
            }
            if (body != null && !body.isEmpty()) {
                form.put("Body", body);
            }
            if (!mediaUrls.isEmpty()) {
                form.put("MediaUrl", mediaUrls);
            }
            if (statusCallback != null) {
                form.put("StatusCallback", statusCallback);
            }
            form.putAll(optional);
            return SmsHttpRequest.form(path, form, true);
        };

        if (numbers.size() == 1) {
            SmsHttpRequest single = request.apply(numbers.get(0));
            return call.send(single, response -> {
                SmsMessage message = readSent(call, single, response, numbers.get(0));
                SmsSendResult result = recipients.addSkippedTo(
                        new SmsSendResult(name(), List.of(outcome(message, numbers.get(0)))));
                call.setOutHeader(SmsHeaders.MESSAGE_ID, message.getSid());
                return call.completeSend(result, text, message.getStatus(), null);
            });
        }
        // each recipient's request is independent: a failure is that recipient's alone and the others still go
        return call.sendBatch(recipients, text, SmsBatch.perRecipient(request,
                (to, sent, response) -> outcome(readSent(call, sent, response, to), to))
                .concurrency(configuration.getMaxConcurrentRequests()));
    }

    /** Accepted, or rejected when the provider declares in its 2xx that the message failed. */
    private static SmsRecipientResult outcome(SmsMessage message, String to) {
        String status = message.getStatus();
        if (status != null && FAILED_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            String why = message.getErrorMessage() != null ? message.getErrorMessage()
                    : "the provider created the message with status " + status;
            return new SmsRecipientResult(to, false, message.getSid(), SmsRecipientResult.REJECTED,
                    null, message.getErrorCode(), why);
        }
        BigDecimal price = message.getPrice() != null ? message.getPrice().abs() : null;
        return SmsRecipientResult.accepted(to, message.getSid(), status, price);
    }

    private static boolean isAbsoluteHttpUrl(String url) {
        return (url.startsWith("http://") || url.startsWith("https://")) && url.length() > "https://".length()
               && !url.contains(" ");
    }

    // reads and deletes

    private CompletableFuture<SmsMessage> getMessage(SmsCall call) {
        String sid = messageId(call);
        SmsHttpRequest request = SmsHttpRequest.get(messagesPath(call) + "/" + segment(sid) + ".json");
        return call.send(request, response -> {
            SmsMessage message = readMessage(call, request, response);
            call.setOutHeader(SmsHeaders.STATUS, message.getStatus());
            return message;
        });
    }

    private CompletableFuture<String> deleteMessage(SmsCall call) {
        String sid = messageId(call);
        return call.send(SmsHttpRequest.delete(messagesPath(call) + "/" + segment(sid) + ".json"), r -> {
            call.setOutHeader(SmsHeaders.STATUS, "deleted");
            return sid;
        });
    }

    private CompletableFuture<SmsMessage> cancelScheduled(SmsCall call) {
        String sid = messageId(call);
        SmsHttpRequest request = SmsHttpRequest.form(messagesPath(call) + "/" + segment(sid) + ".json",
                Map.of("Status", "canceled"), false);
        return call.send(request, response -> {
            SmsMessage message = readMessage(call, request, response);
            call.setOutHeader(SmsHeaders.STATUS, message.getStatus());
            return message;
        });
    }

    private CompletableFuture<BigDecimal> credit(SmsCall call) {
        SmsHttpRequest request = balanceRequest(call.configuration());
        return call.send(request, response -> {
            JsonNode json = response.jsonOrNull();
            BigDecimal balance = SmsJson.decimal(json, "balance");
            if (balance == null) {
                throw SmsErrors.unreadable(name(), call.operation(), request, response, "no balance");
            }
            call.setOutHeader(SmsHeaders.CURRENCY, SmsJson.text(json, "currency"));
            return balance;
        });
    }

    private static SmsHttpRequest balanceRequest(SmsSettings configuration) {
        return SmsHttpRequest.get("/Accounts/" + segment(configuration.getAccountSid()) + "/Balance.json");
    }

    private CompletableFuture<List<SmsMessage>> listMessages(SmsCall call) {
        int maxResults = call.configuration().getMaxResults();
        if (maxResults < 1) {
            throw call.invalid("maxResults", "maxResults must be at least 1");
        }
        Map<String, Object> query = new LinkedHashMap<>();
        List<String> to = call.list(SmsHeaders.TO, null);
        if (to.size() > 1) {
            throw call.invalid("to", "listMessages filters on at most one To number");
        }
        if (!to.isEmpty()) {
            query.put("To", recipient(call, to.get(0)));
        }
        String from = call.text(SmsHeaders.FROM, null);
        if (from != null) {
            query.put("From", LamlSendParameters.sender(call, this, from));
        }
        LocalDate dateSent = date(call, SmsHeaders.DATE_SENT);
        if (dateSent != null) {
            query.put("DateSent", dateSent.toString());
        }
        LocalDate before = date(call, SmsHeaders.DATE_SENT_BEFORE);
        if (before != null) {
            query.put("DateSent<", before.toString());
        }
        LocalDate after = date(call, SmsHeaders.DATE_SENT_AFTER);
        if (after != null) {
            query.put("DateSent>", after.toString());
        }
        if (after != null && before != null && after.isAfter(before)) {
            throw call.invalid(SmsHeaders.DATE_SENT_AFTER, "CamelSmsDateSentAfter " + after + " is after"
                                                             + " CamelSmsDateSentBefore " + before
                                                             + ": no message can match");
        }
        int pageSize = call.configuration().getPageSize();
        if (pageSize < 1 || pageSize > 1000) {
            throw call.invalid("pageSize", "pageSize must be between 1 and 1000");
        }
        query.put("PageSize", Math.min(maxResults, pageSize));
        String firstPage = messagesPath(call) + ".json?" + new String(
                SmsHttpRequest.form("", query, false).body(), java.nio.charset.StandardCharsets.UTF_8);

        return readPages(call, SmsHttpRequest.get(firstPage), 0, maxResults, new ArrayList<>());
    }

    /** Reads one page, then the next one the answer links to, until maxResults messages or the last page. */
    private CompletableFuture<List<SmsMessage>> readPages(SmsCall call, SmsHttpRequest request, int page,
                                                          int maxResults, List<SmsMessage> messages) {
        return call.send(request).thenCompose(response -> {
            String next = call.read(request, response, r -> readPage(call, request, r, maxResults, messages));
            if (messages.size() < maxResults && next != null && !next.isBlank() && page + 1 < MAX_PAGES) {
                return readPages(call, SmsHttpRequest.getFromHost(next), page + 1, maxResults, messages);
            }
            return CompletableFuture.completedFuture(messages);
        });
    }

    /** Adds a page's messages (up to maxResults in all); returns the next page's URI, or null. */
    private String readPage(SmsCall call, SmsHttpRequest request, SmsHttpResponse response, int maxResults,
                            List<SmsMessage> messages) {
        JsonNode json = response.jsonOrNull();
        JsonNode items = json == null ? null : json.get("messages");
        if (items == null || !items.isArray()) {
            throw SmsErrors.unreadable(name(), call.operation(), request, response, "no messages array");
        }
        for (JsonNode item : items) {
            if (messages.size() >= maxResults) {
                break;
            }
            messages.add(LamlResponses.message(item));
        }
        return SmsJson.text(json, "next_page_uri");
    }

    // a To filter: an E.164 number, or a channel address where the provider takes them
    private String recipient(SmsCall call, String raw) {
        String channel = SmsRecipients.channelPrefix(raw, channels());
        String number = LamlNumbers.e164(channel == null ? raw : raw.substring(channel.length()),
                call.configuration().getDefaultRegion());
        if (number == null) {
            throw call.invalid("to", "'" + raw + "' is not in E.164: add the + and the country code");
        }
        return channel == null ? number : channel + number;
    }

    private static LocalDate date(SmsCall call, String header) {
        Object raw = call.rawHeader(header);
        if (raw == null) {
            return null;
        } else if (raw instanceof LocalDate date) {
            return date;
        } else if (raw instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(raw.toString().trim());
        } catch (DateTimeParseException e) {
            throw call.invalid(header, header + " must be a LocalDate, an Instant or yyyy-MM-dd");
        }
    }

    private String messageId(SmsCall call) {
        String sid = call.text(SmsHeaders.MESSAGE_ID, null);
        if (sid == null) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, call.operation() + " needs the message sid in the"
                                                        + " CamelSmsMessageId header");
        }
        if (!isMessageId(sid)) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "the message sid '" + sid + "' is not a " + name()
                                                        + " message sid (" + messageIdDescription() + ")");
        }
        return sid;
    }

    private SmsMessage readMessage(SmsCall call, SmsHttpRequest request, SmsHttpResponse response) {
        return readMessage(call, request, response, response.jsonOrNull());
    }

    /**
     * The message resource of a send's answer with the fields a recipient's result needs. A resource for another
     * number than the one sent to accounts for nothing: the send is in doubt.
     */
    private SmsMessage readSent(SmsCall call, SmsHttpRequest request, SmsHttpResponse response, String sentTo) {
        SmsMessage message = readMessage(call, request, response,
                SmsJson.readFieldsOrNull(response.body(), SENT_FIELDS));
        String to = message.getTo();
        if (to != null && !to.equalsIgnoreCase(sentTo)) {
            String shown = to.length() <= 40 ? to : to.substring(0, 40) + "...";
            throw SmsErrors.unreadable(name(), call.operation(), request, response, "a message resource for '"
                                                                                  + shown + "', not for the number"
                                                                                  + " sent (" + sentTo + ")");
        }
        return message;
    }

    private SmsMessage readMessage(SmsCall call, SmsHttpRequest request, SmsHttpResponse response, JsonNode json) {
        if (json == null || !json.isObject() || SmsJson.text(json, "sid") == null) {
            throw SmsErrors.unreadable(name(), call.operation(), request, response, "no message resource");
        }
        return LamlResponses.message(json);
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        if (hasBalance()) {
            SmsHttpRequest request = balanceRequest(configuration);
            SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
            JsonNode json = response.jsonOrNull();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("accountSid", configuration.getAccountSid());
            BigDecimal balance;
            try {
                balance = SmsJson.decimal(json, "balance");
            } catch (IllegalArgumentException e) {
                throw SmsErrors.unreadable(name(), "healthCheck", request, response,
                        "a value that cannot be read (" + e.getMessage() + ")");
            }
            if (balance != null) {
                details.put("balance", balance);
            }
            String currency = SmsJson.text(json, "currency");
            if (currency != null) {
                details.put("currency", currency);
            }
            return details;
        }
        transport.executeOnce(SmsHttpRequest.get("/Accounts/" + segment(configuration.getAccountSid())
                                             + "/Messages.json?PageSize=1"),
                "healthCheck");
        return Map.of("accountSid", configuration.getAccountSid());
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return LamlResponses.toException(name(), response, request, operation);
    }
}
