package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Infobip SMS API on the simulator, under {@code /infobip} (a per-account host's root in production), written
 * from Infobip's documents (shared/reference/more-providers.md section 2; the pages are cited in
 * src/test/resources/infobip-oai/infobip-sms.yaml):
 * <ul>
 * <li>{@code POST /sms/3/messages}, {@code Authorization: App <key>}: one answer entry per destination, with the
 * caller's messageId and bulkId when given (else generated). Accepted destinations get PENDING_ACCEPTED; a destination
 * the account rejects gets REJECTED_DESTINATION, and every destination gets REJECTED_NOT_ENOUGH_CREDITS when the balance
 * cannot pay for it, inside the 200 answer, as Infobip reports per-message failures.</li>
 * <li>Errors in both of Infobip's formats: the v3 endpoints (/sms/3) answer {@code {"errorCode":"E401",...}}, the
 * older ones (/sms/1, /account/1) {@code {"requestError":{"serviceException":{"messageId":"UNAUTHORIZED",...}}}}.</li>
 * <li>Delivery reports to {@code webhooks.delivery.url}, as {@code {"results":[...]}} with up to 100 reports per
 * request (Infobip's default bucket size); destinations ending in 0000 get UNDELIVERABLE_NOT_DELIVERED, the others
 * DELIVERED_TO_HANDSET. Infobip documents no signature for these URLs.</li>
 * <li>Inbound SMS ({@link #receive}) in the default MO_JSON_2 format; logs ({@code GET /sms/3/logs}), scheduled bulks
 * ({@code GET/PUT /sms/1/bulks/status}) and the balance ({@code GET /account/1/balance}).</li>
 * </ul>
 */
public final class InfobipSimulation implements Simulation {

    public static final String BASE_PATH = "/infobip";
    /** Infobip's date format: yyyy-MM-dd'T'HH:mm:ss.SSSZ. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BUCKET_SIZE = 100;

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile Duration callbackDelay = Duration.ofMillis(50);

    InfobipSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds an account with this API key and balance (in EUR); returns it for further set-up. */
    public Account addAccount(String apiKey, BigDecimal balance) {
        Account account = new Account(balance);
        accounts.put(apiKey, account);
        return account;
    }

    public Account account(String apiKey) {
        return accounts.get(apiKey);
    }

    public InfobipSimulation callbackDelay(Duration delay) {
        this.callbackDelay = delay;
        return this;
    }

    /** One simulated Infobip account. */
    public static final class Account {
        private BigDecimal balance;
        private BigDecimal pricePerMessage = new BigDecimal("0.01");
        private final List<SentMessage> messages = new ArrayList<>();
        private final Map<String, String> bulks = new LinkedHashMap<>();
        private final List<String> rejected = new ArrayList<>();

        Account(BigDecimal balance) {
            this.balance = balance;
        }

        public synchronized BigDecimal balance() {
            return balance;
        }

        public synchronized Account balance(BigDecimal balance) {
            this.balance = balance;
            return this;
        }

        public synchronized Account pricePerMessage(BigDecimal price) {
            this.pricePerMessage = price;
            return this;
        }

        /** Rejects sends to this number with REJECTED_DESTINATION inside the 200 answer. */
        public synchronized Account rejectDestination(String number) {
            rejected.add(number);
            return this;
        }

        /** Every message accepted so far (sent and scheduled; canceled ones excluded). */
        public synchronized List<SentMessage> messages() {
            return List.copyOf(messages);
        }

        /** The status of a bulk (PENDING, CANCELED, FINISHED), or null when unknown. */
        public synchronized String bulkStatus(String bulkId) {
            return bulks.get(bulkId);
        }
    }

    /** A message the simulation accepted for one destination. */
    public record SentMessage(String to, String messageId, String bulkId, String sender, String text, Instant sendAt,
            String deliveryUrl, String callbackData, JsonNode validityPeriod) {
    }

    @Override
    public String provider() {
        return "infobip";
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(BASE_PATH + "/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String path = request.path().substring(BASE_PATH.length());
        boolean v3 = path.startsWith("/sms/3/");
        Account account = authenticate(request);
        if (account == null) {
            return error(v3, 401, "UNAUTHORIZED", "Invalid login details", null);
        }
        synchronized (account) {
            String method = request.method();
            return switch (path) {
                case "/sms/3/messages" -> "POST".equals(method) ? send(account, request.body()) : notFound(v3);
                case "/sms/3/logs" -> "GET".equals(method) ? logs(account, request.queryParams()) : notFound(v3);
                case "/sms/1/bulks/status" -> bulkStatus(account, method, first(request.queryParams(), "bulkId"),
                        request.body());
                case "/account/1/balance" -> "GET".equals(method) ? balance(account) : notFound(v3);
                default -> notFound(v3);
            };
        }
    }

    private Account authenticate(SimRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("App ")) {
            return null;
        }
        return accounts.get(authorization.substring(4).trim());
    }

    // sending

    private SimResponse send(Account account, String raw) {
        JsonNode body;
        try {
            body = MAPPER.readTree(raw);
        } catch (Exception e) {
            return error(true, 400, "BAD_REQUEST", "Bad request", violation("body", "is not valid JSON"));
        }
        JsonNode messages = body == null ? null : body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return error(true, 400, "BAD_REQUEST", "Bad request", violation("messages", "must not be empty"));
        }
        JsonNode schedule = body.path("options").path("schedule");
        String bulkId = schedule.hasNonNull("bulkId") ? schedule.get("bulkId").asText() : null;
        Instant sendAt = null;
        if (schedule.hasNonNull("sendAt")) {
            try {
                sendAt = OffsetDateTime.parse(schedule.get("sendAt").asText(), DATE).toInstant();
            } catch (DateTimeParseException e) {
                return error(true, 400, "BAD_REQUEST", "Bad request",
                        violation("options.schedule.sendAt", "must be yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
            }
            if (sendAt.isAfter(Instant.now().plus(Duration.ofDays(180)))) {
                return error(true, 400, "BAD_REQUEST", "Bad request",
                        violation("options.schedule.sendAt", "must be at most 180 days ahead"));
            }
        }
        int destinationCount = 0;
        for (JsonNode message : messages) {
            String text = message.path("content").path("text").asText("");
            if (text.isEmpty()) {
                return error(true, 400, "BAD_REQUEST", "Bad request", violation("messages[].content.text",
                        "must not be blank"));
            }
            JsonNode destinations = message.path("destinations");
            if (!destinations.isArray() || destinations.isEmpty()) {
                return error(true, 400, "BAD_REQUEST", "Bad request", violation("messages[].destinations",
                        "must not be empty"));
            }
            for (JsonNode destination : destinations) {
                if (!destination.path("to").asText("").matches("[0-9]{6,15}")) {
                    return error(true, 400, "BAD_REQUEST", "Bad request", violation("messages[].destinations[].to",
                            "must be an international number"));
                }
                destinationCount++;
            }
        }
        if (bulkId == null && (destinationCount > 1 || sendAt != null)) {
            bulkId = UUID.randomUUID().toString();
        }
        boolean scheduled = sendAt != null && sendAt.isAfter(Instant.now());
        ObjectNode answer = MAPPER.createObjectNode();
        if (bulkId != null) {
            answer.put("bulkId", bulkId);
        }
        ArrayNode entries = answer.putArray("messages");
        List<SentMessage> accepted = new ArrayList<>();
        for (JsonNode message : messages) {
            String text = message.path("content").path("text").asText();
            String sender = message.hasNonNull("sender") ? message.get("sender").asText() : "InfoSMS";
            JsonNode delivery = message.path("webhooks").path("delivery");
            String url = delivery.path("notify").asBoolean(true) && delivery.hasNonNull("url")
                    ? delivery.get("url").asText() : null;
            String callbackData = message.path("webhooks").hasNonNull("callbackData")
                    ? message.path("webhooks").get("callbackData").asText() : null;
            for (JsonNode destination : message.get("destinations")) {
                String to = destination.get("to").asText();
                String messageId = destination.hasNonNull("messageId") ? destination.get("messageId").asText()
                        : UUID.randomUUID().toString();
                ObjectNode entry = entries.addObject();
                entry.put("messageId", messageId);
                entry.put("destination", to);
                if (account.rejected.contains(to)) {
                    status(entry.putObject("status"), 5, "REJECTED", 14, "REJECTED_DESTINATION",
                            "Message rejected due to destination");
                } else if (account.balance.compareTo(account.pricePerMessage) < 0) {
                    status(entry.putObject("status"), 5, "REJECTED", 12, "REJECTED_NOT_ENOUGH_CREDITS",
                            "Not enough credits");
                } else {
                    account.balance = account.balance.subtract(account.pricePerMessage);
                    status(entry.putObject("status"), 1, "PENDING", 26, "PENDING_ACCEPTED",
                            "Message sent to next instance");
                    accepted.add(new SentMessage(to, messageId, bulkId, sender, text,
                            sendAt != null ? sendAt : Instant.now(), url, callbackData,
                            message.path("options").get("validityPeriod")));
                }
                entry.putObject("details").put("messageCount", 1);
            }
        }
        account.messages.addAll(accepted);
        if (bulkId != null) {
            account.bulks.put(bulkId, scheduled ? "PENDING" : "FINISHED");
        }
        if (!scheduled) {
            report(account, accepted);
        }
        return SimResponse.json(200, answer.toString());
    }

    /** Posts the delivery reports of the messages, grouped by URL, at most BUCKET_SIZE per request. */
    private void report(Account account, List<SentMessage> sent) {
        Map<String, List<SentMessage>> byUrl = new LinkedHashMap<>();
        sent.stream().filter(m -> m.deliveryUrl() != null)
                .forEach(m -> byUrl.computeIfAbsent(m.deliveryUrl(), u -> new ArrayList<>()).add(m));
        byUrl.forEach((url, messages) -> {
            for (int i = 0; i < messages.size(); i += BUCKET_SIZE) {
                ObjectNode body = MAPPER.createObjectNode();
                ArrayNode results = body.putArray("results");
                messages.subList(i, Math.min(messages.size(), i + BUCKET_SIZE))
                        .forEach(m -> deliveryReport(results.addObject(), m, account.pricePerMessage));
                simulator.postWebhook(new Webhook("POST", url, "application/json", body.toString(), Map.of()),
                        callbackDelay);
            }
        });
    }

    static void deliveryReport(ObjectNode report, SentMessage m, BigDecimal price) {
        if (m.bulkId() != null) {
            report.put("bulkId", m.bulkId());
        }
        report.put("messageId", m.messageId());
        report.put("to", m.to());
        report.put("sender", m.sender());
        String now = DATE.format(OffsetDateTime.now(ZoneOffset.UTC));
        report.put("sentAt", now);
        report.put("doneAt", now);
        report.put("messageCount", 1);
        if (m.callbackData() != null) {
            report.put("callbackData", m.callbackData());
        }
        report.putObject("price").put("pricePerMessage", price).put("currency", "EUR");
        if (m.to().endsWith("0000")) {
            status(report.putObject("status"), 2, "UNDELIVERABLE", 9, "UNDELIVERABLE_NOT_DELIVERED",
                    "Message sent not delivered");
            error(report.putObject("error"), 1, "HANDSET_ERRORS", 1, "EC_UNKNOWN_SUBSCRIBER", "Unknown subscriber",
                    true);
        } else {
            status(report.putObject("status"), 3, "DELIVERED", 5, "DELIVERED_TO_HANDSET",
                    "Message delivered to handset");
            error(report.putObject("error"), 0, "OK", 0, "NO_ERROR", "No Error", false);
        }
    }

    /** Posts an inbound SMS to the URL (the number's forwarding URL) in the MO_JSON_2 format. */
    public void receive(String url, String from, String to, String text) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode message = body.putArray("results").addObject();
        message.put("messageId", UUID.randomUUID().toString());
        message.put("from", from);
        message.put("to", to);
        message.put("text", text);
        message.put("cleanText", text);
        message.put("keyword", "");
        message.put("receivedAt", DATE.format(OffsetDateTime.now(ZoneOffset.UTC)));
        message.put("smsCount", 1);
        message.putObject("price").put("pricePerMessage", 0).put("currency", "EUR");
        body.put("messageCount", 1);
        body.put("pendingMessageCount", 0);
        simulator.postWebhook(new Webhook("POST", url, "application/json", body.toString(), Map.of()),
                Duration.ZERO);
    }

    // reading and cancelling

    private SimResponse logs(Account account, Map<String, List<String>> query) {
        List<String> messageIds = query.getOrDefault("messageId", List.of());
        List<String> bulkIds = query.getOrDefault("bulkId", List.of());
        int limit = 50;
        String rawLimit = first(query, "limit");
        if (rawLimit != null) {
            if (!rawLimit.matches("\\d{1,4}") || Integer.parseInt(rawLimit) < 1 || Integer.parseInt(rawLimit) > 1000) {
                return error(true, 400, "BAD_REQUEST", "Bad request", violation("limit", "must be 1 to 1000"));
            }
            limit = Integer.parseInt(rawLimit);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode results = answer.putArray("results");
        Instant since = Instant.now().minus(Duration.ofHours(48)); // logs keep the last 48 hours
        for (SentMessage m : account.messages) {
            if (results.size() >= limit) {
                break;
            }
            if ((messageIds.isEmpty() || messageIds.contains(m.messageId()))
                && (bulkIds.isEmpty() || bulkIds.contains(m.bulkId())) && m.sendAt().isAfter(since)) {
                ObjectNode log = results.addObject();
                deliveryReport(log, m, account.pricePerMessage);
                log.remove("to");
                log.put("destination", m.to());
                log.putObject("content").put("text", m.text());
                if ("PENDING".equals(account.bulks.get(m.bulkId()))) {
                    log.remove("doneAt");
                    status(log.putObject("status"), 1, "PENDING", 26, "PENDING_ACCEPTED",
                            "Message scheduled");
                }
            }
        }
        return SimResponse.json(200, answer.toString());
    }

    private SimResponse bulkStatus(Account account, String method, String bulkId, String raw) {
        if (bulkId == null) {
            return error(false, 400, "BAD_REQUEST", "Missing bulkId", null);
        }
        String status = account.bulks.get(bulkId);
        if (status == null) {
            return error(false, 404, "NOT_FOUND", "Bulk " + bulkId + " not found", null);
        }
        if ("PUT".equals(method)) {
            String wanted;
            try {
                wanted = MAPPER.readTree(raw).path("status").asText("");
            } catch (Exception e) {
                return error(false, 400, "BAD_REQUEST", "Bad request", null);
            }
            if (!"PENDING".equals(status) && !"PAUSED".equals(status)) {
                return error(false, 400, "BAD_REQUEST", "Bulk " + bulkId + " is " + status + " and cannot change",
                        null);
            }
            if ("CANCELED".equals(wanted)) {
                account.messages.removeIf(m -> bulkId.equals(m.bulkId()));
            }
            account.bulks.put(bulkId, wanted);
            status = wanted;
        } else if (!"GET".equals(method)) {
            return notFound(false);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("bulkId", bulkId);
        answer.put("status", status);
        return SimResponse.json(200, answer.toString());
    }

    private SimResponse balance(Account account) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("balance", account.balance);
        answer.put("currency", "EUR");
        return SimResponse.json(200, answer.toString());
    }

    // answers

    private static void status(ObjectNode status, int groupId, String groupName, int id, String name,
                               String description) {
        status.put("groupId", groupId).put("groupName", groupName).put("id", id).put("name", name)
                .put("description", description);
    }

    private static void error(ObjectNode error, int groupId, String groupName, int id, String name,
                              String description, boolean permanent) {
        status(error, groupId, groupName, id, name, description);
        error.put("permanent", permanent);
    }

    private static ObjectNode violation(String property, String violation) {
        return MAPPER.createObjectNode().put("property", property).put("violation", violation);
    }

    private static final Map<String, String> CODES = Map.of("BAD_REQUEST", "E400", "UNAUTHORIZED", "E401",
            "FORBIDDEN", "E403", "NOT_FOUND", "E404", "TOO_MANY_REQUESTS", "E429", "GENERAL_ERROR", "E500");

    /** An error in the v3 format ({"errorCode": "E400", ...}) or the older one ({"requestError": ...}). */
    static SimResponse error(boolean v3, int status, String messageId, String text, ObjectNode violation) {
        ObjectNode answer = MAPPER.createObjectNode();
        if (v3) {
            answer.put("errorCode", CODES.get(messageId));
            answer.put("description", text);
            answer.put("action", "Check the request and try again.");
            ArrayNode violations = answer.putArray("violations");
            if (violation != null) {
                violations.add(violation);
            }
            answer.putArray("resources");
        } else {
            ObjectNode exception = answer.putObject("requestError").putObject("serviceException");
            exception.put("messageId", messageId);
            exception.put("text", text);
        }
        return SimResponse.json(status, answer.toString());
    }

    private static SimResponse notFound(boolean v3) {
        return error(v3, 404, "NOT_FOUND", "Not found", null);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
