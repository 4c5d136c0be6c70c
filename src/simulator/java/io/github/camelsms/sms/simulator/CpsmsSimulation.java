package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CPSMS v2 half of the simulator. Behaviour follows shared/reference/provider-apis.md section 1; where the docs
 * are silent it answers as documented there under [INF].
 * <ul>
 * <li>A recipient with country code 45 must have 10 digits, otherwise it is rejected in a 207 answer.</li>
 * <li>Each recipient costs one point per segment (1.6 for Swedish 46 numbers); 402 when the credit is too low.</li>
 * <li>Recipients starting with 4599 get a "delivery failed" (status 2) report, others "delivered" (status 1).</li>
 * <li>getlog allows one request per {@link #logRateLimit} per account (two minutes, as documented); over it, 429
 * with Retry-After.</li>
 * </ul>
 */
public final class CpsmsSimulation implements Simulation {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicInteger nextGroupId = new AtomicInteger(11963);
    private volatile Duration logRateLimit = Duration.ofMinutes(2);
    private volatile Duration callbackDelay = Duration.ofMillis(50);

    CpsmsSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds an account; returns it for further set-up. */
    public Account addAccount(String username, String apiKey, BigDecimal credit) {
        Account account = new Account(username, apiKey, credit);
        accounts.put(username, account);
        return account;
    }

    public Account account(String username) {
        return accounts.get(username);
    }

    /** How often getlog may be called per account; Duration.ZERO turns the limit off. */
    public CpsmsSimulation logRateLimit(Duration limit) {
        this.logRateLimit = limit;
        return this;
    }

    public CpsmsSimulation callbackDelay(Duration delay) {
        this.callbackDelay = delay;
        return this;
    }

    /** One simulated CPSMS account. */
    public static final class Account {
        private final String username;
        private final String apiKey;
        private BigDecimal credit;
        private String defaultSender;
        private Set<String> allowedIps;
        private final Map<Integer, String> groups = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> contacts = new LinkedHashMap<>();
        private final List<SentMessage> messages = new ArrayList<>();
        private Instant lastLog;
        private final Map<String, String> rejectedRecipients = new LinkedHashMap<>();

        Account(String username, String apiKey, BigDecimal credit) {
            this.username = username;
            this.apiKey = apiKey;
            this.credit = credit;
        }

        public synchronized BigDecimal credit() {
            return credit;
        }

        public synchronized Account credit(BigDecimal credit) {
            this.credit = credit;
            return this;
        }

        public synchronized Account defaultSender(String sender) {
            this.defaultSender = sender;
            return this;
        }

        /** Only these caller IPs are allowed (403 for others); null allows every IP. */
        public synchronized Account allowedIps(Set<String> ips) {
            this.allowedIps = ips;
            return this;
        }

        /** Rejects sends to this well-formed number with a per-recipient 400 and this errMsg (as CPSMS does). */
        public synchronized Account rejectRecipient(String number, String errMsg) {
            rejectedRecipients.put(number, errMsg);
            return this;
        }

        synchronized String rejectionOf(String number) {
            return rejectedRecipients.get(number);
        }

        /** Forgets every message (for long runs that measure memory). */
        public synchronized void clearMessages() {
            messages.clear();
        }

        /** Every message accepted so far (sent and scheduled, deleted ones excluded). */
        public synchronized List<SentMessage> messages() {
            return List.copyOf(messages);
        }

        public synchronized Map<Integer, String> groups() {
            return Map.copyOf(groups);
        }

        public synchronized Map<String, String> contacts(int groupId) {
            return Map.copyOf(contacts.getOrDefault(groupId, Map.of()));
        }

        public String username() {
            return username;
        }
    }

    /** A message the simulator accepted for one recipient. */
    public record SentMessage(String to, String from, String message, BigDecimal cost, String reference,
            Instant sendAt, String dlrUrl, boolean flash, String encoding) {
    }

    @Override
    public String provider() {
        return "cpsms";
    }

    // CPSMS v2 serves its operations at the root of its base URL (/send, /creditvalue, ...)
    @Override
    public String basePath() {
        return "";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        Account account = authenticate(request);
        if (account == null) {
            return error(401, "Invalid username or API key");
        }
        synchronized (account) {
            if (account.allowedIps != null && !account.allowedIps.contains(request.remoteAddress())) {
                return error(403, "IP address " + request.remoteAddress() + " is not allowed");
            }
        }
        String[] segments = request.path().replaceFirst("^/", "").split("/");
        String method = request.method();
        JsonNode body;
        try {
            body = request.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(request.body());
        } catch (Exception e) {
            return error(400, "Malformed JSON");
        }
        synchronized (account) {
            return switch (segments[0]) {
                case "send" -> post(method) ? send(account, body, false) : notFound();
                case "sendgroup" -> post(method) ? send(account, body, true) : notFound();
                case "simplesend" -> "GET".equals(method) && segments.length >= 3 ? simpleSend(account, segments)
                        : notFound();
                case "creditvalue" -> "GET".equals(method) || post(method) ? credit(account) : notFound();
                case "deletesms" -> "DELETE".equals(method)
                        ? deleteSms(account, segments.length > 1 ? segments[1] : text(body, "reference")) : notFound();
                case "addgroup" -> post(method)
                        ? addGroup(account, segments.length > 1 ? segments[1] : text(body, "groupName")) : notFound();
                case "listgroups" -> "GET".equals(method) ? listGroups(account) : notFound();
                case "updategroup" -> "PUT".equals(method)
                        ? updateGroup(account, segments.length > 2 ? segments[1] : text(body, "groupId"),
                                segments.length > 2 ? segments[2] : text(body, "groupName"))
                        : notFound();
                case "deletegroup" -> "DELETE".equals(method)
                        ? deleteGroup(account, segments.length > 1 ? segments[1] : text(body, "groupId")) : notFound();
                case "addcontact" -> post(method) ? upsertContact(account, contactArgs(segments, body), true)
                        : notFound();
                case "updatecontact" -> "PUT".equals(method) ? upsertContact(account, contactArgs(segments, body), false)
                        : notFound();
                case "listcontacts" -> "GET".equals(method) && segments.length > 1
                        ? listContacts(account, segments[1]) : notFound();
                case "deletecontact" -> "DELETE".equals(method) ? deleteContact(account, contactArgs(segments, body))
                        : notFound();
                case "getlog" -> "GET".equals(method) ? getLog(account, segments) : notFound();
                default -> notFound();
            };
        }
    }

    private Account authenticate(SimRequest request) {
        String[] credentials = request.basicCredentials();
        if (credentials == null) {
            return null;
        }
        Account account = accounts.get(credentials[0]);
        return account != null && account.apiKey.equals(credentials[1]) ? account : null;
    }

    private static boolean post(String method) {
        return "POST".equals(method);
    }

    // sending

    private SimResponse send(Account account, JsonNode body, boolean toGroup) {
        String message = text(body, "message");
        if (message == null || message.isEmpty()) {
            return error(400, "message is required");
        }
        if (message.length() > 1530) {
            return error(400, "message is longer than 1530 characters");
        }
        String from = text(body, "from");
        if (from == null || from.isEmpty()) {
            from = account.defaultSender;
        }
        if (from == null) {
            return error(400, "from is required (the account has no default sender)");
        }
        if (!from.matches("\\d{1,20}") && !from.matches("[A-Za-z0-9 ]{1,11}")) {
            return error(400, "from must be at most 11 alphanumeric characters or 20 digits");
        }
        String reference = text(body, "reference");
        if (reference != null && reference.length() > 32) {
            return error(400, "reference is longer than 32 characters");
        }
        List<String> recipients = new ArrayList<>();
        if (toGroup) {
            String groupId = text(body, "to_group");
            if (groupId == null || !groupId.matches("\\d+") || !account.groups.containsKey(Integer.parseInt(groupId))) {
                return error(404, "Group not found");
            }
            recipients.addAll(account.contacts.getOrDefault(Integer.parseInt(groupId), Map.of()).keySet());
        } else {
            JsonNode to = body.get("to");
            if (to == null || to.isNull()) {
                return error(400, "to is required");
            }
            if (to.isArray()) {
                to.forEach(n -> recipients.add(n.asText()));
            } else {
                recipients.add(to.asText());
            }
        }
        if (recipients.isEmpty()) {
            return error(400, "No recipients");
        }
        Long timestamp = body.hasNonNull("timestamp") ? body.get("timestamp").asLong() : null;
        String dlrUrl = text(body, "dlr_url");
        boolean flash = body.hasNonNull("flash") && body.get("flash").asInt() != 0;
        String encoding = text(body, "encoding");
        if (encoding != null && !encoding.equals("UTF-8") && !encoding.equals("ISO-8859-1")) {
            return error(400, "encoding must be UTF-8 or ISO-8859-1");
        }

        int segments = segments(message);
        ArrayNode success = MAPPER.createArrayNode();
        ArrayNode errors = MAPPER.createArrayNode();
        List<SentMessage> accepted = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String to : recipients) {
            String problem = recipientProblem(to);
            if (problem == null) {
                problem = account.rejectionOf(to);
            }
            if (problem != null) {
                ObjectNode e = errors.addObject();
                e.put("errorCode", 400);
                e.put("errMsg", problem);
                e.put("to", to);
                continue;
            }
            BigDecimal cost = (to.startsWith("46") ? new BigDecimal("1.6") : BigDecimal.ONE)
                    .multiply(BigDecimal.valueOf(segments));
            total = total.add(cost);
            Instant sendAt = timestamp != null ? Instant.ofEpochSecond(timestamp) : Instant.now();
            accepted.add(new SentMessage(to, from, message, cost, reference, sendAt, dlrUrl, flash, encoding));
            ObjectNode ok = success.addObject();
            ok.put("to", to);
            ok.put("cost", cost);
        }
        if (accepted.isEmpty()) {
            ObjectNode answer = MAPPER.createObjectNode();
            answer.set("error", errors);
            return SimResponse.json(400, answer.toString());
        }
        if (total.compareTo(account.credit) > 0) {
            return error(402, "Not enough credit: the message costs " + total + " points");
        }
        account.credit = account.credit.subtract(total);
        account.messages.addAll(accepted);
        for (SentMessage m : accepted) {
            scheduleDelivery(m);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.set("success", success);
        if (!errors.isEmpty()) {
            answer.set("error", errors);
            return SimResponse.json(207, answer.toString());
        }
        return SimResponse.json(200, answer.toString());
    }

    private SimResponse simpleSend(Account account, String[] segments) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("to", segments[1]);
        body.put("message", segments[2]);
        if (segments.length > 3) {
            body.put("from", segments[3]);
        }
        return send(account, body, false);
    }

    private static String recipientProblem(String to) {
        if (!to.matches("\\d{8,15}")) {
            return "Invalid phone number.";
        }
        if (to.startsWith("45") && to.length() != 10) {
            return "Phone number length and country code do not match.";
        }
        return null;
    }

    private static int segments(String message) {
        boolean gsm = message.chars().allMatch(c -> c < 128 || "æøåÆØÅäöüÄÖÜé£€".indexOf(c) >= 0);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return message.length() <= single ? 1 : (message.length() + part - 1) / part;
    }

    private void scheduleDelivery(SentMessage m) {
        if (m.dlrUrl() == null) {
            return;
        }
        int status = m.to().startsWith("4599") ? 2 : 1;
        Duration wait = Duration.between(Instant.now(), m.sendAt()).plus(callbackDelay);
        simulator.schedule(() -> {
            boolean stillThere;
            synchronized (accountOf(m)) {
                stillThere = accountOf(m).messages.contains(m);
            }
            if (stillThere) {
                String separator = m.dlrUrl().contains("?") ? "&" : "?";
                simulator.postCallback(m.dlrUrl() + separator + "status=" + status + "&receiver=" + m.to(), null,
                        Duration.ZERO);
            }
        }, wait);
    }

    private Account accountOf(SentMessage m) {
        for (Account a : accounts.values()) {
            synchronized (a) {
                if (a.messages.contains(m)) {
                    return a;
                }
            }
        }
        return new Account("", "", BigDecimal.ZERO);
    }

    private SimResponse deleteSms(Account account, String reference) {
        if (reference == null || reference.isEmpty()) {
            return error(400, "reference is required");
        }
        Instant limit = Instant.now().plus(Duration.ofMinutes(10));
        boolean removed = false;
        for (Iterator<SentMessage> it = account.messages.iterator(); it.hasNext();) {
            SentMessage m = it.next();
            if (reference.equals(m.reference()) && m.sendAt().isAfter(limit)) {
                it.remove();
                account.credit = account.credit.add(m.cost());
                removed = true;
            }
        }
        return removed ? SimResponse.json(200, "{\"Success\":\"SMS(s) deleted\"}")
                : error(409, "No scheduled SMS with reference " + reference + " more than 10 minutes ahead");
    }

    private static SimResponse credit(Account account) {
        DecimalFormat danish = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("da-DK")));
        return SimResponse.json(200,
                "{\"credit\":\"" + danish.format(account.credit.setScale(2, RoundingMode.HALF_UP)) + "\"}");
    }

    // groups and contacts

    private SimResponse addGroup(Account account, String name) {
        if (name == null || name.isBlank()) {
            return error(400, "groupName is required");
        }
        int id = nextGroupId.getAndIncrement();
        account.groups.put(id, name);
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("groupId", String.valueOf(id)); // a string here, an int in listgroups: as documented
        answer.put("groupName", name);
        return SimResponse.json(200, answer.toString());
    }

    private static SimResponse listGroups(Account account) {
        ArrayNode list = MAPPER.createArrayNode();
        account.groups.forEach((id, name) -> list.addObject().put("groupId", id).put("groupName", name));
        return SimResponse.json(200, list.toString());
    }

    private static SimResponse updateGroup(Account account, String id, String name) {
        Integer groupId = parseId(id);
        if (groupId == null || name == null || name.isBlank()) {
            return error(400, "groupId and groupName are required");
        }
        if (!account.groups.containsKey(groupId)) {
            return error(404, "Group " + groupId + " not found");
        }
        account.groups.put(groupId, name);
        return SimResponse.json(200, "{\"Success\":\"groupId " + groupId + " Updated\"}");
    }

    private static SimResponse deleteGroup(Account account, String id) {
        Integer groupId = parseId(id);
        if (groupId == null) {
            return error(400, "groupId is required");
        }
        if (!account.groups.containsKey(groupId)) {
            return error(404, "Group " + groupId + " not found");
        }
        if (!account.contacts.getOrDefault(groupId, Map.of()).isEmpty()) {
            return error(400, "Group " + groupId + " is not empty: delete its contacts first");
        }
        account.groups.remove(groupId);
        account.contacts.remove(groupId);
        return SimResponse.json(200, "{\"Success\":\"Group " + groupId + " deleted\"}");
    }

    private static String[] contactArgs(String[] segments, JsonNode body) {
        if (segments.length > 2) {
            return new String[] { segments[1], segments[2], segments.length > 3 ? segments[3] : null };
        }
        return new String[] { text(body, "groupId"), text(body, "phoneNumber"), text(body, "contactName") };
    }

    private static SimResponse upsertContact(Account account, String[] args, boolean create) {
        Integer groupId = parseId(args[0]);
        String phone = args[1];
        if (groupId == null || phone == null || !phone.matches("\\d{8,15}")) {
            return error(400, "groupId and a phoneNumber with country code are required");
        }
        if (!account.groups.containsKey(groupId)) {
            return error(404, "Group " + groupId + " not found");
        }
        Map<String, String> members = account.contacts.computeIfAbsent(groupId, k -> new LinkedHashMap<>());
        if (!create && !members.containsKey(phone)) {
            return error(404, "Contact " + phone + " is not in group " + groupId);
        }
        members.put(phone, args[2] != null ? args[2] : members.getOrDefault(phone, ""));
        return SimResponse.json(200, create ? "{\"Success\":\"Contact created/added in group\"}"
                : "{\"Success\":\"Contact updated\"}");
    }

    private static SimResponse listContacts(Account account, String id) {
        Integer groupId = parseId(id);
        if (groupId == null || !account.groups.containsKey(groupId)) {
            return error(404, "Group " + id + " not found");
        }
        ArrayNode list = MAPPER.createArrayNode();
        account.contacts.getOrDefault(groupId, Map.of())
                .forEach((phone, name) -> list.addObject().put("phoneNumber", phone).put("contactName", name));
        return SimResponse.json(200, list.toString());
    }

    private static SimResponse deleteContact(Account account, String[] args) {
        Integer groupId = parseId(args[0]);
        if (groupId == null || args[1] == null) {
            return error(400, "groupId and phoneNumber are required");
        }
        Map<String, String> members = account.contacts.get(groupId);
        if (members == null || members.remove(args[1]) == null) {
            return error(404, "Contact " + args[1] + " is not in group " + groupId);
        }
        return SimResponse.json(200, "{\"Success\":\"Contact deleted/removed\"}");
    }

    // log

    private SimResponse getLog(Account account, String[] segments) {
        Instant now = Instant.now();
        Duration limit = logRateLimit;
        if (!limit.isZero() && account.lastLog != null && account.lastLog.plus(limit).isAfter(now)) {
            long wait = Duration.between(now, account.lastLog.plus(limit)).toSeconds() + 1;
            return error(429, "getlog allows one request per " + limit.toSeconds() + " seconds")
                    .withHeader("Retry-After", String.valueOf(wait));
        }
        account.lastLog = now;
        Instant from = now.minus(Duration.ofDays(92));
        Instant to = now.plus(Duration.ofDays(365));
        String recipient = null;
        if (segments.length == 2) {
            recipient = segments[1];
        } else if (segments.length >= 3) {
            Long f = parseLong(segments[1]);
            Long t = parseLong(segments[2]);
            if (f == null || t == null) {
                return error(400, "fromDate and toDate must be Unix timestamps");
            }
            from = Instant.ofEpochSecond(f);
            to = Instant.ofEpochSecond(t);
            recipient = segments.length > 3 ? segments[3] : null;
        }
        ArrayNode list = MAPPER.createArrayNode();
        for (SentMessage m : account.messages) {
            if (m.sendAt().isBefore(from) || m.sendAt().isAfter(to) || recipient != null && !recipient.equals(m.to())) {
                continue;
            }
            boolean sent = !m.sendAt().isAfter(now);
            ObjectNode e = list.addObject();
            e.put("to", m.to());
            e.put("from", m.from());
            e.put("pointPrice", m.cost());
            if (m.reference() != null) {
                e.put("userReference", m.reference());
            } else {
                e.putNull("userReference");
            }
            int dlr = sent ? (m.to().startsWith("4599") ? 2 : 1) : 0;
            e.put("dlrStatus", dlr);
            e.put("dlrStatusText", dlr == 1 ? "Received" : dlr == 2 ? "Failed" : "");
            e.put("timeSent", m.sendAt().getEpochSecond());
        }
        return SimResponse.json(200, list.toString());
    }

    // helpers

    private static SimResponse notFound() {
        return error(404, "Method not found");
    }

    private static SimResponse error(int status, String message) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putObject("error").put("code", status).put("message", message);
        return SimResponse.json(status, answer.toString());
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer parseId(String id) {
        Long value = parseLong(id);
        return value == null ? null : value.intValue();
    }

    private static Long parseLong(String text) {
        if (text == null || !text.matches("\\d{1,12}")) {
            return null;
        }
        return Long.parseLong(text);
    }
}
