package io.github.camelsms.sms.provider.sinch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.exception.SmsException;
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
import io.github.camelsms.sms.text.SmsPhoneNumbers;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.text.SmsText;
import io.github.camelsms.sms.text.SmsTimes;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import io.github.camelsms.sms.spi.SmsWebhooks;

import static io.github.camelsms.sms.spi.SmsHttpRequest.segment;

/**
 * Sinch SMS REST API (XMS): JSON under {@code /xms/v1/{service_plan_id}/} on the service plan's regional host, with
 * {@code Authorization: Bearer <API token>} (developers.sinch.com/docs/sms/api-reference). A send to many recipients
 * is one batch per request (at most 1000 recipients, maxRecipientsPerRequest): one batch id for all of them, and no id
 * per recipient.
 */
public class SinchProvider implements SmsProvider {

    public static final String NAME = "sinch";
    /** The regions Sinch serves the SMS API from (its hosts are https://{region}.sms.api.sinch.com). */
    static final List<String> REGIONS = List.of("us", "eu", "au", "br", "ca");
    static final List<String> DELIVERY_REPORTS = List.of("none", "summary", "full", "per_recipient",
            "per_recipient_final");

    static final SmsProviderOption SERVICE_PLAN_ID = SmsProviderOption.of("servicePlanId", String.class,
            "The Sinch service plan id, shown on the SMS dashboard (the {service_plan_id} of the API paths).");
    static final SmsProviderOption TOKEN = SmsProviderOption.secret("token",
            "The service plan's API token (Authorization: Bearer), shown with the service plan on the dashboard.");
    static final SmsProviderOption REGION = SmsProviderOption.of("region", String.class,
            "The region the service plan lives in: us (the default), eu, au, br or ca.");
    static final SmsProviderOption DELIVERY_REPORT = SmsProviderOption.of("deliveryReport", String.class,
            "The delivery reports a send asks for: none, summary, full, per_recipient or per_recipient_final."
            + " Unset, a send with a callbackUrl asks for per_recipient and one without asks for none (Sinch's"
            + " default).");
    static final SmsProviderOption SECRET_KEY = SmsProviderOption.secret("secretKey",
            "The HMAC secret Sinch signs the service plan's callbacks with, when the account manager has set HMAC up;"
            + " needed by consumers with validateSignature=true.");

    static final int MAX_BODY = 2000;
    static final int MAX_RECIPIENTS_PER_BATCH = 1000;
    static final int MAX_URL = 2048;
    static final int MAX_REFERENCE = 2048;
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_PAGES = 100;
    private static final Pattern SERVICE_PLAN = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("[A-Za-z0-9 ]{1,11}");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,15}");
    private static final String FORMAT_HINT = "write numbers in E.164, such as +4522334488, or set defaultRegion for"
                                              + " national numbers";
    private static final SinchWebhooks WEBHOOKS = new SinchWebhooks();

    private final Map<String, SmsOperation> operations = operationTable();

    private Map<String, SmsOperation> operationTable() {
        Map<String, SmsOperation> table = new LinkedHashMap<>();
        table.put("send", SmsOperation.of(this::send)
                .options("to", "from", "callbackUrl", "webhookVerifyToken", "reference", "defaultRegion",
                        "skipInvalidRecipients", "failOnPartialFailure", "maxSegments", "maxRecipientsPerRequest")
                .headers(SmsHeaders.TO, SmsHeaders.FROM, SmsHeaders.CALLBACK_URL, SmsHeaders.REFERENCE,
                        SmsHeaders.SCHEDULED_AT));
        table.put("cancelScheduled", SmsOperation.of(this::cancelScheduled).headers(SmsHeaders.MESSAGE_ID));
        table.put("getMessage", SmsOperation.of(this::getMessage).headers(SmsHeaders.MESSAGE_ID));
        table.put("listMessages", SmsOperation.of(this::listMessages).options("maxResults", "pageSize")
                .headers(SmsHeaders.FROM, SmsHeaders.REFERENCE));
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
        return List.of(SERVICE_PLAN_ID, TOKEN, REGION, DELIVERY_REPORT, SECRET_KEY);
    }

    @Override
    public SmsWebhooks webhooks() {
        return WEBHOOKS;
    }

    @Override
    public String defaultBaseUrl(SmsSettings configuration) {
        String region = REGION.string(configuration);
        return "https://" + (region == null ? "us" : region) + ".sms.api.sinch.com";
    }

    @Override
    public SmsAuthentication authentication(SmsSettings configuration) {
        return SmsAuthentication.bearer(TOKEN.string(configuration));
    }

    @Override
    public void checkConfiguration(SmsSettings configuration) {
        String operation = configuration.getOperation();
        String plan = SERVICE_PLAN_ID.string(configuration);
        if (plan == null || plan.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "provider.servicePlanId", "the provider.servicePlanId option is"
                    + " not set: use the service plan id shown on your Sinch SMS dashboard");
        }
        if (!SERVICE_PLAN.matcher(plan).matches()) {
            throw SmsErrors.invalid(NAME, operation, "provider.servicePlanId", "provider.servicePlanId '" + plan
                    + "' is not letters and digits, as Sinch's service plan ids are");
        }
        String token = TOKEN.string(configuration);
        if (token == null || token.isBlank()) {
            throw SmsErrors.invalid(NAME, operation, "provider.token", "the provider.token option is not set: use"
                    + " the service plan's API token from your Sinch SMS dashboard");
        }
        String region = REGION.string(configuration);
        if (region != null && !REGIONS.contains(region)) {
            throw SmsErrors.invalid(NAME, operation, "provider.region", "provider.region must be one of " + REGIONS
                    + ", not '" + region + "'");
        }
        String deliveryReport = DELIVERY_REPORT.string(configuration);
        if (deliveryReport != null && !DELIVERY_REPORTS.contains(deliveryReport)) {
            throw SmsErrors.invalid(NAME, operation, "provider.deliveryReport", "provider.deliveryReport must be one"
                    + " of " + DELIVERY_REPORTS + ", not '" + deliveryReport + "'");
        }
        int perRequest = configuration.getMaxRecipientsPerRequest();
        if (perRequest < 1 || perRequest > MAX_RECIPIENTS_PER_BATCH) {
            throw SmsErrors.invalid(NAME, operation, "maxRecipientsPerRequest", "maxRecipientsPerRequest must be 1"
                    + " to " + MAX_RECIPIENTS_PER_BATCH + " for Sinch (the most recipients of one batch)");
        }
    }

    private static String batchesPath(SmsSettings configuration) {
        return "/xms/v1/" + segment(SERVICE_PLAN_ID.string(configuration)) + "/batches";
    }

    // sending

    /**
     * One batch per request of at most maxRecipientsPerRequest recipients, one after another; the send stops at the
     * first failed request, as the next ones would most likely fail the same way (token, blocked account).
     */
    private CompletableFuture<SmsSendResult> send(SmsCall call) {
        SmsSettings configuration = call.configuration();
        SmsRecipients recipients = SmsRecipients.resolve(call, false, e164 -> e164, FORMAT_HINT);
        String message = call.bodyText();
        if (message == null || message.isEmpty()) {
            throw call.invalid("body", "the message text (the exchange body) is empty");
        }
        if (message.length() > MAX_BODY) {
            throw call.invalid("body", "the message has " + message.length() + " characters; Sinch takes at most "
                                       + MAX_BODY);
        }
        SmsText text = call.smsText(message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", null); // keeps "to" first in the JSON; each request sets it
        String from = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (from != null) {
            body.put("from", sender(call, from));
        }
        body.put("body", message);
        body.put("type", "mt_text");
        String callbackUrl = callbackUrl(call);
        String deliveryReport = DELIVERY_REPORT.string(configuration);
        if (deliveryReport == null && callbackUrl != null) {
            deliveryReport = "per_recipient";
        }
        if (deliveryReport != null) {
            body.put("delivery_report", deliveryReport);
        }
        Instant sendAt = scheduledAt(call);
        if (sendAt != null) {
            body.put("send_at", sendAt.toString());
        }
        if (callbackUrl != null) {
            body.put("callback_url", callbackUrl);
        }
        String reference = call.text(SmsHeaders.REFERENCE, configuration.getReference());
        if (reference != null) {
            if (reference.length() > MAX_REFERENCE) {
                throw call.invalid("reference", "the reference has " + reference.length() + " characters; Sinch"
                                                + " takes at most " + MAX_REFERENCE);
            }
            body.put("client_reference", reference);
        }
        return call.sendBatch(recipients, text, SmsBatch.perRequest(configuration.getMaxRecipientsPerRequest(), to -> {
            body.put("to", to);
            return SmsHttpRequest.json("POST", batchesPath(configuration), body, true);
        }, (to, request, response) -> SinchResponses.sent(batchJson(call, request, response), to, call.operation(),
                request, response)).stopAtFirstFailure()).thenApply(result -> oneBatchId(call, result));
    }

    /** CamelSmsMessageId: the batch id when the whole send was one batch (what cancelScheduled takes). */
    private static SmsSendResult oneBatchId(SmsCall call, SmsSendResult result) {
        List<String> ids = result.getRecipients().stream().map(r -> r.getMessageId()).distinct().toList();
        if (ids.size() == 1 && ids.get(0) != null) {
            call.setOutHeader(SmsHeaders.MESSAGE_ID, ids.get(0));
        }
        return result;
    }

    private static JsonNode batchJson(SmsCall call, SmsHttpRequest request, SmsHttpResponse response) {
        JsonNode json = response.jsonOrNull();
        if (json == null || !json.isObject()) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "a body that is not a JSON object");
        }
        return json;
    }

    /** An E.164 number, a short code, or an alphanumeric sender ID of up to 11 characters. */
    private static String sender(SmsCall call, String from) {
        if (from.startsWith("+")) {
            String e164 = SmsPhoneNumbers.toE164(from, null, false);
            if (e164 == null) {
                throw call.invalid("from", "the sender '" + from + "' is not a valid E.164 number");
            }
            return e164;
        }
        if (SHORT_CODE.matcher(from).matches() || ALPHANUMERIC_SENDER.matcher(from).matches() && !from.isBlank()) {
            return from;
        }
        throw call.invalid("from", "the sender '" + from + "' must be an E.164 number (+ and the country code), a"
                                   + " short code, or up to 11 letters, digits and spaces");
    }

    private static String callbackUrl(SmsCall call) {
        String url = call.text(SmsHeaders.CALLBACK_URL, call.configuration().getCallbackUrl());
        if (url == null) {
            return null;
        }
        if (!(url.startsWith("http://") || url.startsWith("https://")) || url.contains(" ")) {
            throw call.invalid("callbackUrl", "the callback URL '" + url + "' must be an absolute http(s) URL");
        }
        String withToken = SmsCallbackUrls.withParam(url, SmsCallbackUrls.TOKEN_PARAM,
                call.configuration().getWebhookVerifyToken());
        if (withToken.length() > MAX_URL) {
            throw call.invalid("callbackUrl", "the callback URL has " + withToken.length() + " characters (with the"
                                              + " webhookVerifyToken); Sinch takes at most " + MAX_URL);
        }
        return withToken;
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
            // Sinch sends a past send_at at once: refused, so that a late schedule is not sent unnoticed
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + at + " is not in the future;"
                                                          + " remove the header to send now");
        }
        return at;
    }

    // batches

    private CompletableFuture<SinchBatch> getMessage(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.get(batchesPath(call.configuration()) + "/" + segment(batchId(call)));
        return call.send(request, response -> withStatus(call, readBatch(call, request, response)));
    }

    /** DELETE cancels what of the batch has not been sent; the answer says whether anything was left to cancel. */
    private CompletableFuture<SinchBatch> cancelScheduled(SmsCall call) {
        SmsHttpRequest request = SmsHttpRequest.delete(batchesPath(call.configuration()) + "/"
                                                       + segment(batchId(call)));
        return call.send(request, response -> withStatus(call, readBatch(call, request, response)));
    }

    private static SinchBatch withStatus(SmsCall call, SinchBatch batch) {
        call.setOutHeader(SmsHeaders.STATUS, batch.getStatus());
        return batch;
    }

    private static String batchId(SmsCall call) {
        String id = call.text(SmsHeaders.MESSAGE_ID, null);
        if (id == null) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "set CamelSmsMessageId to the batch id a send returned");
        }
        if (id.length() > 100 || !id.chars().allMatch(Character::isLetterOrDigit)) {
            throw call.invalid(SmsHeaders.MESSAGE_ID, "'" + id + "' is not a Sinch batch id (letters and digits)");
        }
        return id;
    }

    private static SinchBatch readBatch(SmsCall call, SmsHttpRequest request, SmsHttpResponse response) {
        return SinchResponses.batch(batchJson(call, request, response));
    }

    /** The newest batches first, a page after another, until maxResults or the last page. */
    private CompletableFuture<List<SinchBatch>> listMessages(SmsCall call) {
        SmsSettings configuration = call.configuration();
        int maxResults = configuration.getMaxResults();
        if (maxResults < 1) {
            throw call.invalid("maxResults", "maxResults must be at least 1");
        }
        int pageSize = configuration.getPageSize();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw call.invalid("pageSize", "pageSize must be 1 to " + MAX_PAGE_SIZE + " for Sinch");
        }
        Map<String, Object> filters = new LinkedHashMap<>();
        String from = call.text(SmsHeaders.FROM, null);
        if (from != null) {
            filters.put("from", sender(call, from));
        }
        String reference = call.text(SmsHeaders.REFERENCE, null);
        if (reference != null) {
            filters.put("client_reference", reference);
        }
        return readPages(call, filters, 0, Math.min(pageSize, maxResults), maxResults, new ArrayList<>());
    }

    private CompletableFuture<List<SinchBatch>> readPages(SmsCall call, Map<String, Object> filters, int page,
                                                          int pageSize, int maxResults, List<SinchBatch> batches) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", page);
        query.put("page_size", pageSize);
        query.putAll(filters);
        SmsHttpRequest request = SmsHttpRequest.get(batchesPath(call.configuration()) + "?"
                + new String(SmsHttpRequest.form("", query, false).body(), java.nio.charset.StandardCharsets.UTF_8));
        return call.send(request).thenCompose(response -> {
            boolean more = call.read(request, response, r -> readPage(call, request, r, maxResults, batches));
            return more && page + 1 < MAX_PAGES
                    ? readPages(call, filters, page + 1, pageSize, maxResults, batches)
                    : CompletableFuture.completedFuture(batches);
        });
    }

    /** Adds a page's batches (up to maxResults in all); whether another page may follow. */
    private static boolean readPage(SmsCall call, SmsHttpRequest request, SmsHttpResponse response, int maxResults,
                                    List<SinchBatch> batches) {
        JsonNode json = batchJson(call, request, response);
        JsonNode items = json.get("batches");
        if (items == null || !items.isArray()) {
            throw SmsErrors.unreadable(NAME, call.operation(), request, response, "no batches array");
        }
        for (JsonNode item : items) {
            if (batches.size() >= maxResults) {
                return false;
            }
            batches.add(SinchResponses.batch(item));
        }
        Long count = io.github.camelsms.sms.spi.SmsJson.integer(json, 0, Integer.MAX_VALUE, "count");
        return !items.isEmpty() && batches.size() < maxResults && (count == null || batches.size() < count);
    }

    @Override
    public Map<String, Object> checkHealth(SmsTransport transport, SmsSettings configuration) {
        SmsHttpRequest request = SmsHttpRequest.get(batchesPath(configuration) + "?page=0&page_size=1");
        SmsHttpResponse response = transport.executeOnce(request, "healthCheck");
        JsonNode json = response.jsonOrNull();
        if (json == null || !json.isObject() || !json.has("batches")) {
            throw SmsErrors.unreadable(NAME, "healthCheck", request, response, "no batches list");
        }
        String region = REGION.string(configuration);
        return Map.of("servicePlanId", SERVICE_PLAN_ID.string(configuration), "region", region == null ? "us" : region);
    }

    @Override
    public SmsException toException(SmsHttpResponse response, SmsHttpRequest request, String operation) {
        return SinchResponses.toException(response, request, operation);
    }
}
