package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GatewayAPI's REST API (gatewayapi.com and gatewayapi.eu), written from its documents: shared/reference/
 * more-providers.md section 5, which cites gatewayapi.com/docs/apis/rest and the Sphinx source of the docs
 * (onlinecity/gatewayapi-docs, docs/rest.rst and errors.rst).
 * <ul>
 * <li>{@code POST /rest/mtsms}: one message object or a list; every message gets one id for all its recipients; the
 * answer carries {@code usage} (countries, currency, total_cost). Each recipient costs 0.12 (DKK by default) per part;
 * GSM 03.38 text takes 160 characters in one part and 153 per part when split, UCS2 70 and 67.</li>
 * <li>Errors as documented: {@code {"code":"0x0216","incident_uuid":...,"message":...,"variables":[...]}}: 401 0x0229
 * for an unknown token, 403 0x0213 for an IP not allowed, 0x0215 for a blacklisted number, 0x0216 for too little
 * credit, 0x022A for a frozen account, 400 0x0222 for a missing field and 0x0308 for a sendtime in the past (the
 * code GatewayAPI's PHP client handles), 422 for a body that is not JSON and 0x0310 for a recipient given twice.</li>
 * <li>{@code GET /rest/mtsms/{id}} (404 while the message is scheduled, as it is archived only once sent),
 * {@code DELETE /rest/mtsms/{id}} (204, or 410 once sent), {@code GET /rest/me}.</li>
 * <li>Delivery Status Notifications: ENROUTE, then DELIVERED (UNDELIVERABLE with code 0x1013 for numbers starting
 * 4599), posted as JSON to the message's callback_url or the account's default webhook, with
 * {@code X-Gwapi-Signature}: a JWT signed HS256 with the account's webhook authentication token, whose claims are the
 * DSN plus callback_url and api, as in the documents' sample. MO SMS through {@link #deliverMoSms}.</li>
 * </ul>
 * GatewayAPI documents no 429 (only "40 open connections per IP address"), so the simulation has no rate limit; use
 * {@link Fault#rateLimited} to try one.
 */
public final class GatewayapiSimulation implements Simulation {

    static final String SIGNATURE_HEADER = "X-Gwapi-Signature";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BigDecimal PRICE_PER_PART = new BigDecimal("0.12");
    private static final int MAX_RECIPIENTS = 10_000;

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(421332671);
    private final AtomicLong nextAccountId = new AtomicLong(1);
    private volatile Duration callbackDelay = Duration.ofMillis(50);

    GatewayapiSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds an account reached with this API token, with this much credit (in DKK). */
    public Account addAccount(String token, BigDecimal credit) {
        Account account = new Account(token, credit, nextAccountId.getAndIncrement());
        accounts.put(token, account);
        return account;
    }

    public Account account(String token) {
        return accounts.get(token);
    }

    /** How long after its send time a message's status notifications are posted. */
    public GatewayapiSimulation callbackDelay(Duration delay) {
        this.callbackDelay = delay;
        return this;
    }

    /** One simulated account. */
    public static final class Account {
        private final String token;
        private final long id;
        private BigDecimal credit;
        private String currency = "DKK";
        private String authenticationToken;
        private String defaultWebhook;
        private Set<String> allowedIps;
        private boolean frozen;
        private final Set<String> blacklist = new HashSet<>();
        private final List<SentMessage> messages = new ArrayList<>();

        Account(String token, BigDecimal credit, long id) {
            this.token = token;
            this.credit = credit;
            this.id = id;
        }

        public synchronized BigDecimal credit() {
            return credit;
        }

        public synchronized Account credit(BigDecimal credit) {
            this.credit = credit;
            return this;
        }

        public synchronized Account currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** The webhook's authentication token: webhooks are signed (X-Gwapi-Signature) with it; null: unsigned. */
        public synchronized Account authenticationToken(String token) {
            this.authenticationToken = token;
            return this;
        }

        /** The default webhook for status notifications of messages sent without callback_url. */
        public synchronized Account defaultWebhook(String url) {
            this.defaultWebhook = url;
            return this;
        }

        /** Only these caller IPs are allowed (403, 0x0213, for others); null allows every IP. */
        public synchronized Account allowedIps(Set<String> ips) {
            this.allowedIps = ips;
            return this;
        }

        /** A frozen account is refused every request (403, 0x022A). */
        public synchronized Account frozen(boolean frozen) {
            this.frozen = frozen;
            return this;
        }

        /** A send to this number is refused whole (403, 0x0215). */
        public synchronized Account blacklist(String msisdn) {
            blacklist.add(msisdn);
            return this;
        }

        /** Every recipient of every message accepted so far (scheduled included, cancelled ones excluded). */
        public synchronized List<SentMessage> messages() {
            return List.copyOf(messages);
        }

        public String token() {
            return token;
        }
    }

    /** One recipient of a message the simulation accepted; the recipients of one message share its id. */
    public record SentMessage(long id, String msisdn, String sender, String message, String encoding, BigDecimal cost,
            String userref, Instant sendAt, String callbackUrl, Integer validityPeriod, String destaddr) {
    }

    @Override
    public String provider() {
        return "gatewayapi";
    }

    // the REST API lives under /rest at the root of https://gatewayapi.com (or .eu)
    @Override
    public String basePath() {
        return "";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/rest/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        Account account = authenticate(request);
        if (account == null) {
            return error(401, "0x0229", "Invalid token");
        }
        synchronized (account) {
            if (account.allowedIps != null && !account.allowedIps.contains(request.remoteAddress())) {
                return error(403, "0x0213", "Unauthorized IP-address: %1", request.remoteAddress());
            }
            if (account.frozen) {
                return error(403, "0x022A", "Account is frozen");
            }
            String path = request.path();
            String method = request.method();
            if (path.equals("/rest/mtsms") && method.equals("POST")) {
                return send(account, request);
            } else if (path.equals("/rest/me") && method.equals("GET")) {
                ObjectNode me = MAPPER.createObjectNode();
                me.put("credit", account.credit);
                me.put("currency", account.currency);
                me.put("id", account.id);
                return SimResponse.json(200, me.toString());
            } else if (path.startsWith("/rest/mtsms/")) {
                String id = path.substring("/rest/mtsms/".length());
                if (!id.matches("[1-9][0-9]{0,17}")) {
                    return error(400, "0x0208", "Invalid message id %1", id);
                }
                return switch (method) {
                    case "GET" -> getMessage(account, Long.parseLong(id));
                    case "DELETE" -> cancel(account, Long.parseLong(id));
                    default -> error(405, null, "Method not allowed");
                };
            }
            return error(404, null, "Not found");
        }
    }

    // Authorization: Token <token> [G-auth]; Basic with the token as user and ?token= [G-rst] are accepted too
    private Account authenticate(SimRequest request) {
        String authorization = request.header("authorization");
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Token ", 0, 6)) {
            token = authorization.substring(6).trim();
        } else if (request.basicCredentials() != null) {
            token = request.basicCredentials()[0];
        } else {
            List<String> query = request.queryParams().get("token");
            token = query == null || query.isEmpty() ? null : query.get(0);
        }
        return token == null ? null : accounts.get(token);
    }

    // sending

    private record Checked(JsonNode message, List<String> recipients, String encoding, int parts, Instant sendAt) {
    }

    private SimResponse send(Account account, SimRequest request) {
        JsonNode root;
        try {
            root = MAPPER.readTree(request.body());
        } catch (Exception e) {
            return error(422, null, "Invalid json request body");
        }
        if (root == null || !(root.isObject() || root.isArray() && !root.isEmpty())) {
            return error(422, null, "Invalid json request body");
        }
        List<JsonNode> messages = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(messages::add);
        } else {
            messages.add(root);
        }
        List<Checked> checked = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        Map<String, Integer> countries = new TreeMap<>();
        for (JsonNode message : messages) {
            Object problem = check(account, message);
            if (problem instanceof SimResponse refusal) {
                return refusal;
            }
            Checked c = (Checked) problem;
            checked.add(c);
            for (String msisdn : c.recipients()) {
                total = total.add(PRICE_PER_PART.multiply(BigDecimal.valueOf(c.parts())));
                countries.merge(country(msisdn), c.parts(), Integer::sum);
            }
        }
        if (total.compareTo(account.credit) > 0) {
            return error(403, "0x0216", "Insufficient credit");
        }
        account.credit = account.credit.subtract(total);
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode ids = answer.putArray("ids");
        for (Checked c : checked) {
            long id = nextId.getAndIncrement();
            ids.add(id);
            JsonNode m = c.message();
            for (String msisdn : c.recipients()) {
                SentMessage sent = new SentMessage(id, msisdn, text(m, "sender"), text(m, "message"), c.encoding(),
                        PRICE_PER_PART.multiply(BigDecimal.valueOf(c.parts())), text(m, "userref"), c.sendAt(),
                        text(m, "callback_url"), m.hasNonNull("validity_period") ? m.get("validity_period").asInt()
                                : null, text(m, "destaddr"));
                account.messages.add(sent);
                scheduleReports(account, sent);
            }
        }
        ObjectNode usage = answer.putObject("usage");
        ObjectNode byCountry = usage.putObject("countries");
        countries.forEach(byCountry::put);
        usage.put("currency", account.currency);
        usage.put("total_cost", total);
        return SimResponse.json(200, answer.toString());
    }

    /** The message's refusal (a SimResponse) or what it says (a Checked). */
    private static Object check(Account account, JsonNode m) {
        if (!m.isObject()) {
            return error(400, "0x0208", "Invalid message");
        }
        String message = text(m, "message");
        if (message == null || message.isEmpty()) {
            return error(400, "0x0222", "Missing required parameter %1", "message");
        }
        JsonNode recipients = m.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            return error(400, "0x0222", "Missing required parameter %1", "recipients");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            return error(400, "0x0208", "At most %1 recipients per message", String.valueOf(MAX_RECIPIENTS));
        }
        List<String> numbers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : recipients) {
            JsonNode msisdn = r.get("msisdn");
            String number = msisdn == null ? null : msisdn.asText();
            if (number == null || !number.matches("[1-9][0-9]{3,14}")) {
                return error(400, "0x0208", "Invalid MSISDN %1", String.valueOf(number));
            }
            if (!seen.add(number)) {
                return error(422, "0x0310", "A message contains the same recipient more than once. MSISDNs %1 is"
                                            + " duplicated", number);
            }
            if (account.blacklist.contains(number)) {
                return error(403, "0x0215", "MSISDN %1 blacklisted", number);
            }
            numbers.add(number);
        }
        String sender = text(m, "sender");
        if (sender != null && !sender.matches("[A-Za-z0-9 ]{1,11}|[0-9]{1,15}")) {
            return error(400, "0x0208", "Invalid sender %1", sender);
        }
        String encoding = m.hasNonNull("encoding") ? m.get("encoding").asText() : "UTF8";
        if (!encoding.equals("UTF8") && !encoding.equals("UCS2")) {
            return error(400, "0x0208", "Invalid encoding %1", encoding);
        }
        Instant sendAt = Instant.now();
        if (m.hasNonNull("sendtime")) {
            if (!m.get("sendtime").canConvertToLong()) {
                return error(400, "0x0208", "Invalid sendtime");
            }
            sendAt = Instant.ofEpochSecond(m.get("sendtime").asLong());
            if (sendAt.isBefore(Instant.now().minusSeconds(1))) {
                return error(400, "0x0308", "sendtime is in the past");
            }
        }
        if (m.hasNonNull("validity_period") && (!m.get("validity_period").canConvertToInt()
                                                || m.get("validity_period").asInt() < 60)) {
            return error(400, "0x0208", "validity_period must be at least 60 seconds");
        }
        String destaddr = text(m, "destaddr");
        if (destaddr != null && !Set.of("DISPLAY", "MOBILE", "SIMCARD", "EXTUNIT").contains(destaddr)) {
            return error(400, "0x0208", "Invalid destaddr %1", destaddr);
        }
        return new Checked(m, numbers, encoding, parts(message, encoding), sendAt);
    }

    static int parts(String message, String encoding) {
        int length = message.codePointCount(0, message.length());
        int single = "UCS2".equals(encoding) ? 70 : 160;
        int part = "UCS2".equals(encoding) ? 67 : 153;
        return length <= single ? 1 : (length + part - 1) / part;
    }

    private static String country(String msisdn) {
        return msisdn.startsWith("45") ? "DK" : msisdn.startsWith("46") ? "SE" : msisdn.startsWith("47") ? "NO"
                : msisdn.startsWith("49") ? "DE" : msisdn.startsWith("1") ? "US" : "ZZ";
    }

    // status notifications

    private void scheduleReports(Account account, SentMessage sent) {
        String url = sent.callbackUrl() != null ? sent.callbackUrl() : account.defaultWebhook;
        if (url == null) {
            return;
        }
        Duration wait = Duration.between(Instant.now(), sent.sendAt()).plus(callbackDelay);
        simulator.schedule(() -> {
            if (stillThere(account, sent)) {
                postReport(account, url, sent, "ENROUTE");
            }
        }, wait);
        simulator.schedule(() -> {
            if (stillThere(account, sent)) {
                postReport(account, url, sent, sent.msisdn().startsWith("4599") ? "UNDELIVERABLE" : "DELIVERED");
            }
        }, wait.plus(callbackDelay));
    }

    private static boolean stillThere(Account account, SentMessage sent) {
        synchronized (account) {
            return account.messages.contains(sent);
        }
    }

    private void postReport(Account account, String url, SentMessage sent, String status) {
        ObjectNode dsn = MAPPER.createObjectNode();
        dsn.put("id", sent.id());
        dsn.put("msisdn", Long.parseLong(sent.msisdn()));
        dsn.put("time", Instant.now().getEpochSecond());
        dsn.put("status", status);
        if ("UNDELIVERABLE".equals(status)) {
            dsn.put("error", "Absent subscriber");
            dsn.put("code", "0x1013");
        } else {
            dsn.putNull("error");
            dsn.putNull("code");
        }
        if (sent.userref() != null) {
            dsn.put("userref", sent.userref());
        } else {
            dsn.putNull("userref");
        }
        ObjectNode claims = dsn.deepCopy();
        claims.put("callback_url", url);
        claims.put("api", 4);
        simulator.postWebhook(webhook(account, url, dsn, claims), Duration.ZERO);
    }

    private static Webhook webhook(Account account, String url, ObjectNode body, ObjectNode claims) {
        String secret;
        synchronized (account) {
            secret = account.authenticationToken;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (secret != null) {
            headers.put(SIGNATURE_HEADER, jwt(claims, secret));
        }
        return new Webhook("POST", url, "application/json", body.toString(), headers);
    }

    /** A JWT signed HS256 with the secret, whose claims are these [G-rst "Authentication token"]. */
    static String jwt(JsonNode claims, String secret) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + base64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer a webhook gave to an MO SMS. */
    public record MoAnswer(int status, String body) {
    }

    /**
     * Delivers an MO SMS that {@code msisdn} sent to the account's short code or number {@code receiver}: posts it to
     * the webhook at {@code url}, signed with the account's authentication token, and returns the webhook's answer.
     */
    public MoAnswer deliverMoSms(String token, String url, String msisdn, String receiver, String message) {
        Account account = accounts.get(token);
        if (account == null) {
            throw new IllegalArgumentException("No simulated GatewayAPI account with that token");
        }
        ObjectNode mo = MAPPER.createObjectNode();
        mo.put("id", nextId.getAndIncrement());
        mo.put("msisdn", Long.parseLong(msisdn));
        mo.put("receiver", Long.parseLong(receiver));
        mo.put("message", message);
        mo.put("senttime", Instant.now().getEpochSecond());
        mo.put("webhook_label", "camel-sms");
        ObjectNode claims = mo.deepCopy();
        claims.put("api", 4);
        var response = simulator.sendWebhookNow(webhook(account, url, mo, claims));
        return new MoAnswer(response.statusCode(), response.body());
    }

    // reading and cancelling

    private SimResponse getMessage(Account account, long id) {
        List<SentMessage> recipients = account.messages.stream().filter(m -> m.id() == id).toList();
        Instant now = Instant.now();
        if (recipients.isEmpty() || recipients.get(0).sendAt().isAfter(now)) {
            return error(404, null, "SMS not found, or not yet transferred to datastore");
        }
        SentMessage first = recipients.get(0);
        ArrayNode answer = MAPPER.createArrayNode();
        ObjectNode m = answer.addObject();
        m.put("class", "standard");
        m.put("message", first.message());
        m.putNull("payload");
        m.put("id", id);
        m.put("sender", first.sender());
        m.put("sendtime", first.sendAt().getEpochSecond());
        m.put("userref", first.userref());
        m.put("encoding", first.encoding());
        m.put("callback_url", first.callbackUrl());
        ArrayNode list = m.putArray("recipients");
        boolean reported = !first.sendAt().plus(callbackDelay.multipliedBy(2)).isAfter(now);
        for (SentMessage r : recipients) {
            ObjectNode o = list.addObject();
            o.put("country", country(r.msisdn()));
            o.put("csms", parts(r.message(), r.encoding()));
            o.put("msisdn", Long.parseLong(r.msisdn()));
            o.put("senttime", r.sendAt().getEpochSecond() + 0.0);
            boolean failed = r.msisdn().startsWith("4599");
            o.put("dsnstatus", !reported ? "ENROUTE" : failed ? "UNDELIVERABLE" : "DELIVERED");
            if (reported && failed) {
                o.put("dsnerror", "Absent subscriber");
                o.put("dsnerrorcode", "0x1013");
            } else {
                o.putNull("dsnerror");
                o.putNull("dsnerrorcode");
            }
            if (reported) {
                o.put("dsntime", r.sendAt().plus(callbackDelay.multipliedBy(2)).getEpochSecond() + 0.0);
            } else {
                o.putNull("dsntime");
            }
        }
        return SimResponse.json(200, answer.toString());
    }

    private SimResponse cancel(Account account, long id) {
        List<SentMessage> recipients = account.messages.stream().filter(m -> m.id() == id).toList();
        if (recipients.isEmpty()) {
            return error(404, null, "SMS not found");
        }
        if (!recipients.get(0).sendAt().isAfter(Instant.now())) {
            return error(410, null, "Message is already gone, either deleted or has been sent");
        }
        account.messages.removeAll(recipients);
        recipients.forEach(r -> account.credit = account.credit.add(r.cost()));
        return SimResponse.empty(204);
    }

    // helpers

    /** GatewayAPI's error body [G-rst]: code and variables are left out when empty. */
    private static SimResponse error(int status, String code, String message, String... variables) {
        ObjectNode body = MAPPER.createObjectNode();
        if (code != null) {
            body.put("code", code);
        }
        body.put("incident_uuid", java.util.UUID.randomUUID().toString());
        body.put("message", message);
        if (variables.length > 0) {
            ArrayNode list = body.putArray("variables");
            for (String v : variables) {
                list.add(v);
            }
        }
        return SimResponse.json(status, body.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
