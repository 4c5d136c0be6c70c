package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Telnyx Messaging API v2 at {@code /v2} (the provider's base URL is https://api.telnyx.com/v2), written from Telnyx's
 * documents (shared/reference/more-providers.md section 3, and the pages cited in src/test/resources/telnyx-oai):
 * <ul>
 * <li>{@code POST /v2/messages} and {@code POST /v2/messages/schedule}: JSON, {@code Authorization: Bearer <API key>},
 * one recipient per request; answered 200 with {@code {"data": message}}. A {@code send_at} must be 5 minutes to 5
 * days ahead (developers.telnyx.com/docs/messaging/messages/schedule-message); the message is then
 * {@code scheduled}.</li>
 * <li>{@code GET /v2/messages/{id}}; {@code DELETE /v2/messages/{id}} cancels a scheduled message whose send_at is
 * more than a minute away and answers the bare message resource with status {@code cancelled}
 * (developers.telnyx.com/api-reference/messages/cancel-a-scheduled-message).</li>
 * <li>{@code GET /v2/balance}: balance, credit_limit, available_credit, pending and currency as decimal strings.</li>
 * <li>Errors as {@code {"errors":[{code, title, detail, source}]}}: 401 10009 (authentication failed), 400 10004
 * (missing parameter), 10016 (not +E.164), 10015 (bad request), 404 10005 (not found), 429 10011 (too many requests,
 * with x-ratelimit-* headers), 409 40300 (blocked by the recipient's STOP).</li>
 * <li>An account without enough balance: Telnyx documents no answer for it (searched: the API and messaging error
 * code lists); this simulation answers HTTP 402, the status for it, with a Telnyx-shaped error that has a title but
 * no code, as no code could be found to use (an assumption: the component must rely on the status alone).</li>
 * <li>Delivery: queued, then sent ({@code message.sent}), then delivered ({@code message.finalized}), one
 * {@link #statusDelay} apart; a to starting with +4599 ends delivery_failed with error 40008. Each event is posted to
 * the message's webhook_url as JSON, signed with the account's Ed25519 key over {@code timestamp|body} in
 * telnyx-signature-ed25519 and telnyx-timestamp.</li>
 * <li>Inbound: {@link #deliverInbound} posts {@code message.received}, signed the same way.</li>
 * </ul>
 */
public final class TelnyxSimulation implements Simulation {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MESSAGE_PATH = Pattern.compile("/v2/messages/([^/]+)");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration MIN_SCHEDULE_AHEAD = Duration.ofMinutes(5);
    private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(5);
    private static final Duration MIN_CANCEL_AHEAD = Duration.ofMinutes(1);
    private static final BigDecimal PRICE_PER_PART = new BigDecimal("0.0040");

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile Duration statusDelay = Duration.ofMillis(50);

    TelnyxSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public String provider() {
        return "telnyx";
    }

    @Override
    public String basePath() {
        return "/v2";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/v2/messages", "/v2/balance");
    }

    /** Adds an account with this API key and a fresh Ed25519 key pair to sign its webhooks with. */
    public Account addAccount(String apiKey) {
        Account account = new Account(apiKey);
        accounts.put(apiKey, account);
        return account;
    }

    public Account account(String apiKey) {
        return accounts.get(apiKey);
    }

    /** The wait between two status changes of a message. */
    public TelnyxSimulation statusDelay(Duration delay) {
        this.statusDelay = delay;
        return this;
    }

    /** One simulated Telnyx account. */
    public static final class Account {
        private final String apiKey;
        private final KeyPair keys;
        private BigDecimal balance = new BigDecimal("10.00");
        private boolean throttled;
        private Duration webhookClockOffset = Duration.ZERO;
        private final Map<String, StoredMessage> messages = new LinkedHashMap<>();

        Account(String apiKey) {
            this.apiKey = apiKey;
            try {
                this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is not available", e);
            }
        }

        public String apiKey() {
            return apiKey;
        }

        /** The account's public key as the portal shows it: Base64 of its 32 raw bytes. */
        public String publicKey() {
            byte[] encoded = keys.getPublic().getEncoded(); // X.509: a 12-byte header, then the 32 raw bytes
            return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32,
                    encoded.length));
        }

        /** Signs like Telnyx: Base64 of the Ed25519 signature over {@code timestamp|body}. */
        public String sign(String timestamp, String body) {
            return TelnyxSimulation.sign(keys.getPrivate(), timestamp, body);
        }

        public synchronized Account balance(BigDecimal balance) {
            this.balance = balance;
            return this;
        }

        public synchronized BigDecimal balance() {
            return balance;
        }

        /** Answers every request with 429 (code 10011) while set. */
        public synchronized Account throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        /** Signs webhooks with a timestamp this far from now (a replay when negative beyond five minutes). */
        public synchronized Account webhookClockOffset(Duration offset) {
            this.webhookClockOffset = offset;
            return this;
        }

        /** The messages the account accepted, oldest first. */
        public synchronized List<Message> messages() {
            return messages.values().stream().map(StoredMessage::snapshot).toList();
        }
    }

    /** A snapshot of one accepted message and the JSON request it was created with. */
    public record Message(String id, String to, String from, String text, String status, String webhookUrl,
            Instant sendAt, JsonNode request) {
    }

    private static final class StoredMessage {
        final String id = UUID.randomUUID().toString();
        final String to;
        final String from;
        final String text;
        final String webhookUrl;
        final String messagingProfileId;
        final JsonNode request;
        final int parts;
        final boolean gsm;
        final Instant receivedAt = Instant.now();
        Instant sendAt;
        String status = "queued";
        Instant sentAt;
        Instant completedAt;
        String errorCode;

        StoredMessage(String to, String from, String text, String webhookUrl, String messagingProfileId,
                JsonNode request) {
            this.to = to;
            this.from = from;
            this.text = text;
            this.webhookUrl = webhookUrl;
            this.messagingProfileId = messagingProfileId;
            this.request = request;
            this.gsm = text.chars().allMatch(c -> c < 128);
            int single = gsm ? 160 : 70;
            int part = gsm ? 153 : 67;
            this.parts = text.length() <= single ? 1 : (text.length() + part - 1) / part;
        }

        Message snapshot() {
            return new Message(id, to, from, text, status, webhookUrl, sendAt, request);
        }
    }

    @Override
    public SimResponse handle(SimRequest request) {
        Account account = authenticate(request);
        if (account == null) {
            return error(401, "10009", "Authentication failed", "The required authentication headers were either"
                                                                 + " invalid or not included in the request.", null);
        }
        synchronized (account) {
            if (account.throttled) {
                return error(429, "10011", "Too many requests", "You have exceeded the maximum number of allowed"
                                                                + " requests.", null)
                        .withHeader("x-ratelimit-limit", "1").withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", "1");
            }
            String path = request.path();
            String method = request.method();
            if (path.equals("/v2/messages") || path.equals("/v2/messages/schedule")) {
                return method.equals("POST") ? create(account, request.body(), path.endsWith("/schedule"))
                        : notFound();
            }
            if (path.equals("/v2/balance")) {
                return method.equals("GET") ? balance(account) : notFound();
            }
            Matcher one = MESSAGE_PATH.matcher(path);
            StoredMessage message = one.matches() ? account.messages.get(one.group(1)) : null;
            if (message == null) {
                return notFound();
            }
            return switch (method) {
                case "GET" -> SimResponse.json(200, envelope(json(message)));
                case "DELETE" -> cancel(message);
                default -> notFound();
            };
        }
    }

    private Account authenticate(SimRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return accounts.get(authorization.substring("Bearer ".length()));
    }

    // sending

    private SimResponse create(Account account, String body, boolean scheduleEndpoint) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return error(400, "10015", "Bad Request", "The request failed because it was not well-formed.", null);
        }
        String to = text(json, "to");
        if (to == null) {
            return missing("to");
        }
        if (!E164.matcher(to).matches() && !SHORT_CODE.matcher(to).matches()) {
            return error(400, "10016", "Phone number must be in +E.164 format", "The 'to' number " + to
                                                                                 + " is not in +E.164 format.",
                    "/to");
        }
        String from = text(json, "from");
        String profile = text(json, "messaging_profile_id");
        if (from == null && profile == null) {
            return missing("from");
        }
        if (from != null && !E164.matcher(from).matches() && !SHORT_CODE.matcher(from).matches()) {
            if (!ALPHANUMERIC.matcher(from).matches()) {
                return error(400, "10015", "Bad Request", "'from' must be a +E.164 number, a short code or an"
                                                          + " alphanumeric sender ID.", "/from");
            }
            if (profile == null) {
                return missing("messaging_profile_id");
            }
            if (to.startsWith("+1")) {
                return error(400, "10015", "Bad Request", "Alphanumeric sender IDs cannot send to the US, Canada or"
                                                          + " Puerto Rico.", "/from");
            }
        }
        if (profile != null && !UUID_TEXT.matcher(profile).matches()) {
            return error(400, "10015", "Bad Request", "messaging_profile_id is not a UUID.",
                    "/messaging_profile_id");
        }
        String text = text(json, "text");
        if (text == null || text.isEmpty()) {
            return missing("text");
        }
        Instant sendAt = null;
        String sendAtText = text(json, "send_at");
        if (sendAtText != null) {
            try {
                sendAt = Instant.parse(sendAtText);
            } catch (DateTimeParseException e) {
                return error(400, "10015", "Bad Request", "send_at must be an ISO 8601 date-time.", "/send_at");
            }
            Duration ahead = Duration.between(Instant.now(), sendAt);
            if (ahead.compareTo(MIN_SCHEDULE_AHEAD) < 0 || ahead.compareTo(MAX_SCHEDULE_AHEAD) > 0) {
                return error(400, "10015", "Bad Request", "send_at cannot be less than 5 minutes or more than 5 days"
                                                          + " in the future.", "/send_at");
            }
        } else if (scheduleEndpoint) {
            return missing("send_at");
        }
        String webhookUrl = text(json, "webhook_url");
        if (webhookUrl != null && !webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
            return error(400, "10003", "Invalid URL", "The URL provided was invalid, malformed, or too long.",
                    "/webhook_url");
        }
        if (to.startsWith("+1555000")) {
            return error(409, "40300", "Blocked due to STOP message", "Messages cannot be sent from '" + from
                                                                      + "' to '" + to + "' due to an existing block"
                                                                      + " rule.", null);
        }
        StoredMessage message = new StoredMessage(to, from, text, webhookUrl, profile, json);
        BigDecimal cost = PRICE_PER_PART.multiply(BigDecimal.valueOf(message.parts));
        if (account.balance.compareTo(cost) < 0) {
            return error(402, null, "Insufficient balance", "Your account balance is too low to send"
                                                                            + " this message.", null);
        }
        account.balance = account.balance.subtract(cost);
        account.messages.put(message.id, message);
        if (sendAt != null) {
            message.status = "scheduled";
            message.sendAt = sendAt;
            simulator.schedule(() -> release(account, message), Duration.between(Instant.now(), sendAt));
        } else {
            simulator.schedule(() -> advance(account, message, "sent"), statusDelay);
        }
        return SimResponse.json(200, envelope(json(message)));
    }

    private void release(Account account, StoredMessage message) {
        synchronized (account) {
            if (!"scheduled".equals(message.status)) {
                return;
            }
            message.status = "queued";
        }
        simulator.schedule(() -> advance(account, message, "sent"), statusDelay);
    }

    private void advance(Account account, StoredMessage message, String status) {
        synchronized (account) {
            message.status = status;
            if (status.equals("sent")) {
                message.sentAt = Instant.now();
                simulator.schedule(() -> advance(account, message,
                        message.to.startsWith("+4599") ? "delivery_failed" : "delivered"), statusDelay);
            } else {
                message.completedAt = Instant.now();
                if (status.equals("delivery_failed")) {
                    message.errorCode = "40008";
                }
            }
            if (message.webhookUrl != null) {
                ObjectNode data = MAPPER.createObjectNode();
                data.put("event_type", status.equals("sent") ? "message.sent" : "message.finalized");
                data.put("id", UUID.randomUUID().toString());
                data.put("occurred_at", Instant.now().toString());
                data.put("record_type", "event");
                data.set("payload", json(message));
                ObjectNode event = MAPPER.createObjectNode();
                event.set("data", data);
                event.putObject("meta").put("attempt", 1).put("delivered_to", message.webhookUrl);
                simulator.postWebhook(webhook(account, message.webhookUrl, event.toString()), Duration.ZERO);
            }
        }
    }

    private static SimResponse cancel(StoredMessage message) {
        if (!"scheduled".equals(message.status)
            || Duration.between(Instant.now(), message.sendAt).compareTo(MIN_CANCEL_AHEAD) <= 0) {
            return error(400, "10015", "Bad Request", "Only messages with status=scheduled and send_at more than a"
                                                      + " minute from now can be cancelled.", null);
        }
        message.status = "cancelled";
        return SimResponse.json(200, json(message).toString()); // documented without the data envelope
    }

    private static SimResponse balance(Account account) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("balance", account.balance.setScale(2, java.math.RoundingMode.DOWN).toPlainString());
        data.put("credit_limit", "0.00");
        data.put("available_credit", account.balance.setScale(2, java.math.RoundingMode.DOWN).toPlainString());
        data.put("pending", "0.00");
        data.put("currency", "USD");
        data.put("record_type", "balance");
        return SimResponse.json(200, envelope(data));
    }

    // webhooks

    /** The answer a webhook gave to an inbound message. */
    public record InboundAnswer(int status, String body) {
    }

    /**
     * Delivers an SMS that {@code from} sent to the account's number {@code to}: posts {@code message.received} to
     * the URL, signed with the account's key, and returns the answer.
     */
    public InboundAnswer deliverInbound(String url, String apiKey, String from, String to, String text) {
        Account account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("No simulated Telnyx account " + apiKey);
        }
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("record_type", "message");
        payload.put("direction", "inbound");
        payload.put("id", UUID.randomUUID().toString());
        payload.put("type", "SMS");
        payload.putObject("from").put("phone_number", from).put("carrier", "T-MOBILE USA, INC.")
                .put("line_type", "Wireless");
        payload.putArray("to").addObject().put("phone_number", to).put("status", "webhook_delivered")
                .put("carrier", "TELNYX LLC").put("line_type", "VoIP");
        payload.put("text", text);
        payload.putArray("media");
        payload.put("encoding", text.chars().allMatch(c -> c < 128) ? "GSM-7" : "UCS-2");
        payload.put("parts", 1);
        payload.put("received_at", Instant.now().toString());
        ObjectNode data = MAPPER.createObjectNode();
        data.put("event_type", "message.received");
        data.put("id", UUID.randomUUID().toString());
        data.put("occurred_at", Instant.now().toString());
        data.put("record_type", "event");
        data.set("payload", payload);
        ObjectNode event = MAPPER.createObjectNode();
        event.set("data", data);
        event.putObject("meta").put("attempt", 1).put("delivered_to", url);
        var response = simulator.sendWebhookNow(webhook(account, url, event.toString()));
        return new InboundAnswer(response.statusCode(), response.body());
    }

    private static Webhook webhook(Account account, String url, String body) {
        URI.create(url); // a URL the simulator cannot call fails here, not in the scheduler
        String timestamp = String.valueOf(Instant.now().plus(account.webhookClockOffset).getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("telnyx-signature-ed25519", account.sign(timestamp, body));
        headers.put("telnyx-timestamp", timestamp);
        return new Webhook("POST", url, "application/json", body, headers);
    }

    static String sign(PrivateKey key, String timestamp, String body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update((timestamp + "|" + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    // JSON

    private static String envelope(JsonNode data) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.set("data", data);
        return answer.toString();
    }

    private static ObjectNode json(StoredMessage m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("record_type", "message");
        node.put("direction", "outbound");
        node.put("id", m.id);
        node.put("type", "SMS");
        node.put("messaging_profile_id", m.messagingProfileId);
        node.putObject("from").put("phone_number", m.from).put("carrier", "TELNYX LLC").put("line_type", "VoIP");
        ArrayNode to = node.putArray("to");
        to.addObject().put("phone_number", m.to).put("status", m.status).put("carrier", "T-MOBILE USA, INC.")
                .put("line_type", "Wireless");
        node.put("text", m.text);
        node.putArray("media");
        node.put("webhook_url", m.webhookUrl);
        node.put("encoding", m.gsm ? "GSM-7" : "UCS-2");
        node.put("parts", m.parts);
        node.putObject("cost").put("amount", PRICE_PER_PART.multiply(BigDecimal.valueOf(m.parts)).toPlainString())
                .put("currency", "USD");
        node.put("received_at", m.receivedAt.toString());
        node.put("sent_at", m.sentAt == null ? null : m.sentAt.toString());
        node.put("completed_at", m.completedAt == null ? null : m.completedAt.toString());
        node.put("valid_until", m.receivedAt.plus(Duration.ofHours(4)).toString());
        ArrayNode errors = node.putArray("errors");
        if (m.errorCode != null) {
            errors.addObject().put("code", m.errorCode).put("title", "Undeliverable")
                    .put("detail", "The recipient carrier did not accept the message.");
        }
        return node;
    }

    private static SimResponse missing(String field) {
        return error(400, "10004", "Missing required parameter", "The '" + field + "' parameter is required.",
                "/" + field);
    }

    private static SimResponse notFound() {
        return error(404, "10005", "Resource not found", "The requested resource or URL could not be found.", null);
    }

    private static SimResponse error(int status, String code, String title, String detail, String pointer) {
        ObjectNode error = MAPPER.createObjectNode();
        if (code != null) {
            error.put("code", code);
        }
        error.put("title", title);
        error.put("detail", detail);
        if (pointer != null) {
            error.putObject("source").put("pointer", pointer);
        }
        if (code != null) {
            error.putObject("meta").put("url", "https://developers.telnyx.com/api/errors/" + code);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putArray("errors").add(error);
        return SimResponse.json(status, answer.toString());
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

}
