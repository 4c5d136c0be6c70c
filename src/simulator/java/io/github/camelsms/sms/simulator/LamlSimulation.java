package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The LaML (Twilio-compatible) half of the simulator. Behaviour follows shared/reference/provider-apis.md sections 2
 * and 4 (the [CONV] Twilio conventions, corrected by what Twilio and SignalWire document), per provider:
 * <ul>
 * <li>Twilio under /2010-04-01: AC... accounts, SM/MM sids, senders that are E.164 numbers, alphanumeric sender IDs,
 * short codes or whatsapp: addresses; Messaging Services ({@link Account#messagingService}); scheduling
 * (ScheduleType=fixed, SendAt 15 minutes to 35 days ahead, only with a Messaging Service: errors 35111, 35115,
 * 35118; status scheduled until SendAt; Status=canceled cancels); ValidityPeriod 1 to 36000 (21624); the Balance
 * resource.</li>
 * <li>mycpaas under /api/laml/2010-04-01 with an AC... account: E.164 senders only, no scheduling or Messaging
 * Services, no Balance.</li>
 * <li>SignalWire under /api/laml/2010-04-01 with a project added by {@link #addSignalWireProject}: UUID project id and
 * message sids, E.164 or short-code senders, ValidityPeriod up to 172800, MaxPrice; webhooks signed with the project's
 * Signing Key and sent with X-SignalWire-Signature (and the X-Twilio-Signature alias).</li>
 * <li>Paths without a prefix (/Accounts/...) act as the account's own provider (Twilio for AC accounts).</li>
 * <li>Webhooks go as form POSTs, or as {@link #webhookStyle GET or JSON} as Twilio can send them: a GET carries the
 * parameters in the query and is signed over the URL alone; a JSON POST adds bodySHA256 (hex SHA-256 of the body) to
 * the URL and is signed over that URL alone.</li>
 * </ul>
 * For every provider:
 * <ul>
 * <li>A To starting with +1555000 is an unsubscribed recipient (21610).</li>
 * <li>Accepted messages go queued → sent → delivered, one {@link #statusDelay} apart; a To starting with +4599 ends
 * undelivered with error 30003. Each change posts a signed StatusCallback when one was given.</li>
 * <li>A message can be fetched, redacted (POST with an empty Body) and deleted (not while queued or sending).</li>
 * </ul>
 */
public final class LamlSimulation {

    static final String API_VERSION = "2010-04-01";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TWILIO_API = "/2010-04-01";
    private static final String SPACE_API = "/api/laml/2010-04-01";
    // the account SID cannot contain a dot, so /Accounts/AC1.json leaves ".json" as the rest (an unknown path)
    private static final Pattern ACCOUNT_PATH = Pattern.compile(
            "((?:/api/laml)?(?:/2010-04-01)?)/Accounts/([^/.]+)(.*)");
    private static final Pattern UUID_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,8}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern SEND_AT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Duration MIN_SCHEDULE_AHEAD = Duration.ofSeconds(900);
    private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofSeconds(3024000);
    private static final Pattern MESSAGE_PATH = Pattern.compile("/Messages/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+\\d{8,15}");
    // RFC 2822 as Twilio writes it; RFC_1123_DATE_TIME would write "GMT" instead of "+0000" (it still parses this)
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 1600;
    private static final int MAX_MEDIA = 10;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final String PRICE = "-0.00750";

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile Duration statusDelay = Duration.ofMillis(50);
    private volatile WebhookStyle webhookStyle = WebhookStyle.FORM_POST;

    /** The LaML providers the simulator models. */
    public enum Provider {
        TWILIO, MYCPAAS, SIGNALWIRE
    }

    /** How webhooks (status callbacks, inbound messages) are sent. */
    public enum WebhookStyle {
        /** POST with a form body, signed over the URL and the sorted parameters (the default). */
        FORM_POST,
        /** GET with every parameter in the query string, signed over the full URL. */
        GET,
        /** POST with a JSON body; the URL gets bodySHA256 and the signature covers the URL only. */
        JSON_POST
    }

    LamlSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Adds a Twilio or mycpaas account (AC followed by 32 hex digits): Twilio under /2010-04-01, mycpaas under
     * /api/laml/2010-04-01. Its webhooks are signed with the auth token. Returns it for further set-up.
     */
    public Account addAccount(String accountSid, String authToken) {
        Account account = new Account(accountSid, authToken, null);
        accounts.put(accountSid, account);
        return account;
    }

    /**
     * Adds a SignalWire project: the project id (a UUID) is the Basic user and {AccountSid}, the API token the
     * password; webhooks are signed with the signing key.
     */
    public Account addSignalWireProject(String projectId, String apiToken, String signingKey) {
        if (!UUID_ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("A SignalWire project id is a lower-case UUID: " + projectId);
        }
        Account account = new Account(projectId, apiToken, signingKey);
        accounts.put(projectId, account);
        return account;
    }

    /** How webhooks are sent from now on (form POST by default). */
    public LamlSimulation webhookStyle(WebhookStyle style) {
        this.webhookStyle = style;
        return this;
    }

    public Account account(String accountSid) {
        return accounts.get(accountSid);
    }

    /** The wait between two status changes of a message (queued → sent → delivered). */
    public LamlSimulation statusDelay(Duration delay) {
        this.statusDelay = delay;
        return this;
    }

    /** One simulated LaML account (or SignalWire project). */
    public static final class Account {
        private final String sid;
        private final String authToken;
        private final String signingKey;
        private Set<String> ownedNumbers;
        private final Map<String, List<String>> messagingServices = new LinkedHashMap<>();
        private BigDecimal balance = new BigDecimal("20.50");
        // oldest first; listed newest first
        private final Map<String, StoredMessage> messages = new LinkedHashMap<>();

        Account(String sid, String authToken, String signingKey) {
            this.sid = sid;
            this.authToken = authToken;
            this.signingKey = signingKey;
        }

        boolean isSignalWire() {
            return signingKey != null;
        }

        /** The key webhooks are signed with: the SignalWire Signing Key, else the auth token. */
        String webhookKey() {
            return signingKey != null ? signingKey : authToken;
        }

        /** Adds a Twilio Messaging Service whose sender pool holds these numbers (the first one sends). */
        public synchronized Account messagingService(String messagingServiceSid, String... senders) {
            messagingServices.put(messagingServiceSid, List.of(senders));
            return this;
        }

        /** Sets the balance the Twilio Balance resource reports (USD). */
        public synchronized Account balance(BigDecimal balance) {
            this.balance = balance;
            return this;
        }

        public String sid() {
            return sid;
        }

        public String authToken() {
            return authToken;
        }

        /** Only these From numbers may send (21606 for others); null allows every number. */
        public synchronized Account ownedNumbers(Set<String> numbers) {
            this.ownedNumbers = numbers == null ? null : Set.copyOf(numbers);
            return this;
        }

        /** A snapshot of the account's messages, oldest first (deleted ones excluded). */
        public synchronized List<Message> messages() {
            return messages.values().stream().map(StoredMessage::snapshot).toList();
        }
    }

    /**
     * A snapshot of one message the simulator accepted; {@code parameters} are the optional form parameters it was
     * created with (MessagingServiceSid, ScheduleType, SendAt, ValidityPeriod, SmartEncoded, ...).
     */
    public record Message(String sid, String accountSid, String to, String from, String body, String status,
            List<String> mediaUrls, String statusCallback, int numSegments, Integer errorCode, Instant dateCreated,
            Instant dateSent, String messagingServiceSid, Instant sendAt, Map<String, String> parameters) {
    }

    /** A message's mutable state, guarded by its account's lock. */
    private static final class StoredMessage {
        final String sid;
        final String accountSid;
        final String to;
        final String from;
        final List<String> mediaUrls;
        final String statusCallback;
        final int numSegments;
        final Instant dateCreated;
        final String prefix;
        String messagingServiceSid;
        Instant sendAt;
        Map<String, String> parameters = Map.of();
        String body;
        String status = "queued";
        Integer errorCode;
        Instant dateUpdated;
        Instant dateSent;
        String price;

        StoredMessage(Account account, String prefix, String to, String from, String body, List<String> mediaUrls,
                String statusCallback) {
            String uuid = UUID.randomUUID().toString();
            this.sid = account.isSignalWire() ? uuid : (mediaUrls.isEmpty() ? "SM" : "MM") + uuid.replace("-", "");
            this.prefix = prefix;
            this.accountSid = account.sid;
            this.to = to;
            this.from = from;
            this.body = body;
            this.mediaUrls = List.copyOf(mediaUrls);
            this.statusCallback = statusCallback;
            this.numSegments = segments(body);
            this.dateCreated = Instant.now();
            this.dateUpdated = dateCreated;
        }

        Message snapshot() {
            return new Message(sid, accountSid, to, from, body, status, mediaUrls, statusCallback, numSegments,
                    errorCode, dateCreated, dateSent, messagingServiceSid, sendAt, parameters);
        }

        String uri() {
            return prefix + "/Accounts/" + accountSid + "/Messages/" + sid + ".json";
        }
    }

    /**
     * The family's members, each a simulation of its own over the shared accounts: Twilio under /2010-04-01, mycpaas
     * (AC accounts) and SignalWire (projects, UUIDs) under /api/laml/2010-04-01, and the paths without a prefix, where
     * an account acts as its own provider.
     */
    List<Simulation> members() {
        return List.of(new Member("twilio", Provider.TWILIO, TWILIO_API, TWILIO_API + "/Accounts"),
                new Member("mycpaas", Provider.MYCPAAS, SPACE_API, SPACE_API + "/Accounts/AC"),
                new Member("signalwire", Provider.SIGNALWIRE, SPACE_API, SPACE_API + "/Accounts"),
                new Member("laml", null, "", "/Accounts"));
    }

    /** One member of the family: its prefix, answered as that provider (null: the account's own). */
    private final class Member implements Simulation {
        private final String name;
        private final Provider provider;
        private final String basePath;
        private final String prefix;

        Member(String name, Provider provider, String basePath, String prefix) {
            this.name = name;
            this.provider = provider;
            this.basePath = basePath;
            this.prefix = prefix;
        }

        @Override
        public String provider() {
            return name;
        }

        @Override
        public String basePath() {
            return basePath;
        }

        @Override
        public List<String> pathPrefixes() {
            return List.of(prefix);
        }

        @Override
        public SimResponse handle(SimRequest request) {
            return LamlSimulation.this.handle(request, provider);
        }
    }

    private SimResponse handle(SimRequest request, Provider member) {
        Account account = authenticate(request);
        Matcher path = ACCOUNT_PATH.matcher(request.path());
        if (account == null || path.matches() && !path.group(2).equals(account.sid)) {
            return error(401, 20003, "Authentication Error - invalid username");
        }
        if (!path.matches()) {
            return notFound(request.path());
        }
        String prefix = path.group(1);
        Provider provider = member == null ? ownProvider(account) : member;
        if (account.isSignalWire() != (provider == Provider.SIGNALWIRE)) {
            return error(401, 20003, "Authentication Error - this account does not belong to this API");
        }
        String rest = path.group(3);
        String method = request.method();
        synchronized (account) {
            if (rest.equals("/Messages.json")) {
                return switch (method) {
                    case "GET" -> list(account, prefix, request.queryParams());
                    case "POST" -> create(account, provider, prefix, request.form());
                    default -> methodNotAllowed(method);
                };
            }
            if (rest.equals("/Balance.json") && provider == Provider.TWILIO) {
                return method.equals("GET") ? balance(account) : methodNotAllowed(method);
            }
            Matcher one = MESSAGE_PATH.matcher(rest);
            if (!one.matches()) {
                return notFound(request.path());
            }
            if (!Set.of("GET", "POST", "DELETE").contains(method)) {
                return methodNotAllowed(method);
            }
            StoredMessage message = account.messages.get(one.group(1));
            if (message == null) {
                return notFound(request.path());
            }
            return switch (method) {
                case "GET" -> SimResponse.json(200, json(message).toString());
                case "POST" -> update(provider, message, request.form());
                default -> delete(account, message);
            };
        }
    }

    // without a prefix: a SignalWire project is SignalWire's, an AC account Twilio's
    private static Provider ownProvider(Account account) {
        return account.isSignalWire() ? Provider.SIGNALWIRE : Provider.TWILIO;
    }

    private static SimResponse balance(Account account) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("account_sid", account.sid);
        answer.put("balance", account.balance.toPlainString());
        answer.put("currency", "USD");
        return SimResponse.json(200, answer.toString());
    }

    private Account authenticate(SimRequest request) {
        String[] credentials = request.basicCredentials();
        if (credentials == null) {
            return null;
        }
        Account account = accounts.get(credentials[0]);
        return account != null && account.authToken.equals(credentials[1]) ? account : null;
    }

    // sending

    private SimResponse create(Account account, Provider provider, String prefix, Map<String, List<String>> form) {
        String to = first(form, "To");
        if (to == null || to.isEmpty()) {
            return error(400, 21211, "A 'To' phone number is required.");
        }
        String toNumber = provider == Provider.TWILIO && to.startsWith("whatsapp:") ? to.substring(9) : to;
        if (!E164.matcher(toNumber).matches()) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        String messagingServiceSid = first(form, "MessagingServiceSid");
        List<String> pool = null;
        if (messagingServiceSid != null && provider == Provider.TWILIO) {
            pool = MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()
                    ? account.messagingServices.get(messagingServiceSid) : null;
            if (pool == null) {
                return error(400, 21701, "The Messaging Service Sid " + messagingServiceSid + " is invalid.");
            }
        } else {
            messagingServiceSid = null; // not a parameter mycpaas or SignalWire document
        }
        String from = first(form, "From");
        if (from == null && pool != null && !pool.isEmpty()) {
            from = pool.get(0);
        } else if (from == null || !isSender(provider, from)) {
            return error(400, 21212, "The 'From' number " + from + " is not a valid phone number, shortcode, or"
                                     + " alphanumeric sender ID.");
        }
        if (account.ownedNumbers != null && !account.ownedNumbers.contains(from)
            && (pool == null || !pool.contains(from))) {
            return error(400, 21606, "The 'From' phone number provided (" + from
                                     + ") is not a valid message-capable phone number for this account.");
        }
        List<String> mediaUrls = form.getOrDefault("MediaUrl", List.of());
        String body = first(form, "Body");
        if ((body == null || body.isEmpty()) && mediaUrls.isEmpty()) {
            return error(400, 21602, "Message body is required.");
        }
        if (body != null && body.length() > MAX_BODY) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (mediaUrls.size() > MAX_MEDIA) {
            return error(400, 21623, "The number of media files exceeds the limit of " + MAX_MEDIA + ".");
        }
        if (mediaUrls.stream().anyMatch(url -> !isHttpUrl(url))) {
            return error(400, 21620, "Invalid media URL(s).");
        }
        String statusCallback = first(form, "StatusCallback");
        if (statusCallback != null && !statusCallback.isEmpty() && !isHttpUrl(statusCallback)) {
            return error(400, 21609, "The StatusCallback URL " + statusCallback + " is not a valid URL.");
        }
        String validity = first(form, "ValidityPeriod");
        int maxValidity = provider == Provider.SIGNALWIRE ? 172800 : 36000;
        if (validity != null && provider != Provider.MYCPAAS
            && (!validity.matches("\\d{1,9}") || Integer.parseInt(validity) < 1
                || Integer.parseInt(validity) > maxValidity)) {
            return error(400, 21624, "Invalid validity period value: use 1 to " + maxValidity + " seconds.");
        }
        Instant sendAt = null;
        if (provider == Provider.TWILIO && (form.containsKey("ScheduleType") || form.containsKey("SendAt"))) {
            String scheduleType = first(form, "ScheduleType");
            String sendAtText = first(form, "SendAt");
            if (!"fixed".equals(scheduleType) || sendAtText == null || !SEND_AT.matcher(sendAtText).matches()) {
                return error(400, 35111, "Invalid scheduleType: ScheduleType must be 'fixed' and SendAt a UTC time"
                                         + " YYYY-MM-DDTHH:MM:SSZ.");
            }
            if (messagingServiceSid == null) {
                return error(400, 35118, "MessagingServiceSid is required to schedule a message.");
            }
            sendAt = Instant.parse(sendAtText);
            Duration ahead = Duration.between(Instant.now(), sendAt);
            if (ahead.compareTo(MIN_SCHEDULE_AHEAD) < 0 || ahead.compareTo(MAX_SCHEDULE_AHEAD) > 0) {
                return error(400, 35115, "SendAt time must be between 900 seconds and 35 days (3024000 seconds) in"
                                         + " the future, inclusive.");
            }
        }
        if (toNumber.startsWith("+1555000")) {
            return error(400, 21610, "Attempt to send to unsubscribed recipient.");
        }
        StoredMessage message = new StoredMessage(account, prefix, to, from, body == null ? "" : body, mediaUrls,
                statusCallback == null || statusCallback.isEmpty() ? null : statusCallback);
        message.messagingServiceSid = messagingServiceSid;
        message.parameters = optionalParameters(form);
        account.messages.put(message.sid, message);
        if (sendAt != null) {
            message.status = "scheduled";
            message.sendAt = sendAt;
            simulator.schedule(() -> release(account, message), Duration.between(Instant.now(), sendAt));
        } else {
            simulator.schedule(() -> advance(account, message, "sent"), statusDelay);
        }
        return SimResponse.json(201, json(message).toString());
    }

    private static Map<String, String> optionalParameters(Map<String, List<String>> form) {
        Map<String, String> optional = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (!Set.of("To", "From", "Body", "MediaUrl", "StatusCallback").contains(name)) {
                optional.put(name, values.get(0));
            }
        });
        return Collections.unmodifiableMap(optional);
    }

    private static boolean isSender(Provider provider, String from) {
        if (E164.matcher(from).matches()) {
            return true;
        }
        return switch (provider) {
            case TWILIO -> SHORT_CODE.matcher(from).matches() || ALPHANUMERIC_SENDER.matcher(from).matches()
                           || from.startsWith("whatsapp:") && E164.matcher(from.substring(9)).matches();
            case SIGNALWIRE -> SHORT_CODE.matcher(from).matches();
            case MYCPAAS -> false;
        };
    }

    // a scheduled message goes out at SendAt unless it was canceled meanwhile
    private void release(Account account, StoredMessage message) {
        synchronized (account) {
            if (!"scheduled".equals(message.status)) {
                return;
            }
            message.status = "queued";
            message.dateUpdated = Instant.now();
        }
        simulator.schedule(() -> advance(account, message, "sent"), statusDelay);
    }

    private static boolean isHttpUrl(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    // "a simple rule": Latin text in the GSM 7-bit alphabet, everything else UCS-2
    private static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> c < 128 || "£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà€".indexOf(c) >= 0);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return body.length() <= single ? 1 : (body.length() + part - 1) / part;
    }

    private void advance(Account account, StoredMessage message, String status) {
        synchronized (account) {
            if (account.messages.get(message.sid) != message) {
                return; // deleted meanwhile
            }
            message.status = status;
            message.dateUpdated = Instant.now();
            if (status.equals("sent")) {
                message.dateSent = message.dateUpdated;
                message.price = PRICE;
                String last = message.to.startsWith("+4599") ? "undelivered" : "delivered";
                simulator.schedule(() -> advance(account, message, last), statusDelay);
            } else if (status.equals("undelivered")) {
                message.errorCode = 30003;
            }
            if (message.statusCallback != null) {
                postStatusCallback(account, message);
            }
        }
    }

    private void postStatusCallback(Account account, StoredMessage message) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", message.sid);
        params.put("SmsSid", message.sid);
        params.put("MessageStatus", message.status);
        params.put("SmsStatus", message.status);
        params.put("AccountSid", message.accountSid);
        params.put("From", message.from);
        params.put("To", message.to);
        params.put("ApiVersion", API_VERSION);
        if (message.errorCode != null) {
            params.put("ErrorCode", String.valueOf(message.errorCode));
        }
        simulator.postWebhook(webhook(account, message.statusCallback, params), Duration.ZERO);
    }

    /** The webhook call a provider makes: in the configured style, signed with the account's webhook key. */
    private Webhook webhook(Account account, String url, Map<String, String> params) {
        WebhookStyle style = webhookStyle;
        String target = url;
        String body = null;
        String contentType = null;
        Map<String, String> signed = params;
        if (style == WebhookStyle.GET) {
            target = url + (url.contains("?") ? "&" : "?") + formOf(params);
            signed = Map.of();
        } else if (style == WebhookStyle.JSON_POST) {
            ObjectNode json = MAPPER.createObjectNode();
            params.forEach(json::put);
            body = json.toString();
            contentType = "application/json";
            target = url + (url.contains("?") ? "&" : "?") + "bodySHA256=" + sha256Hex(body);
            signed = Map.of();
        } else {
            body = formOf(params);
            contentType = "application/x-www-form-urlencoded";
        }
        String signature = LamlSignature.sign(account.webhookKey(), target, signed);
        Map<String, String> headers = account.isSignalWire()
                ? Map.of("X-SignalWire-Signature", signature, "X-Twilio-Signature", signature)
                : Map.of("X-Twilio-Signature", signature);
        return new Webhook(style == WebhookStyle.GET ? "GET" : "POST", target, contentType, body, headers);
    }

    private static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // inbound

    /** The answer a webhook gave to an inbound message. */
    public record InboundAnswer(int status, String contentType, String body) {
    }

    /**
     * Delivers an SMS (or, with media URLs, an MMS) that {@code from} sent to the account's number {@code to}: calls
     * the inbound webhook at {@code url} in the configured {@link #webhookStyle}, signed with the account's auth token
     * (a SignalWire project's Signing Key), and returns the webhook's answer.
     */
    public InboundAnswer deliverInbound(String url, String accountSid, String from, String to, String body,
            String... mediaUrls) {
        Account account = accounts.get(accountSid);
        if (account == null) {
            throw new IllegalArgumentException("No simulated LaML account " + accountSid);
        }
        String sid = account.isSignalWire() ? UUID.randomUUID().toString()
                : (mediaUrls.length == 0 ? "SM" : "MM") + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", accountSid);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        params.put("NumMedia", String.valueOf(mediaUrls.length));
        for (int i = 0; i < mediaUrls.length; i++) {
            params.put("MediaUrl" + i, mediaUrls[i]);
            params.put("MediaContentType" + i, "image/jpeg");
        }
        params.put("NumSegments", String.valueOf(segments(body)));
        params.put("SmsStatus", "received");
        params.put("ApiVersion", API_VERSION);
        var response = simulator.sendWebhookNow(webhook(account, url, params));
        return new InboundAnswer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    static String formOf(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    // one message

    private static SimResponse update(Provider provider, StoredMessage message, Map<String, List<String>> form) {
        String status = first(form, "Status");
        if (status != null && provider == Provider.TWILIO) {
            if (!status.equals("canceled") || form.containsKey("Body")) {
                return error(400, 20001, "Status can only be updated to canceled.");
            }
            if (!message.status.equals("scheduled")) {
                return error(400, 20001, "Message " + message.sid + " is " + message.status
                                         + "; only a scheduled message can be canceled.");
            }
            message.status = "canceled";
            message.dateUpdated = Instant.now();
            return SimResponse.json(200, json(message).toString());
        }
        return redact(message, form);
    }

    private static SimResponse redact(StoredMessage message, Map<String, List<String>> form) {
        String body = first(form, "Body");
        if (body == null || !body.isEmpty()) {
            return error(400, 20001, "Only Body= (empty, to redact the message) can be updated.");
        }
        message.body = "";
        message.dateUpdated = Instant.now();
        return SimResponse.json(200, json(message).toString());
    }

    private static SimResponse delete(Account account, StoredMessage message) {
        if (message.status.equals("queued") || message.status.equals("sending")) {
            return error(400, 20009, "Cannot delete message " + message.sid + " while it is " + message.status + ".");
        }
        account.messages.remove(message.sid);
        return SimResponse.empty(204);
    }

    // listing

    private static SimResponse list(Account account, String prefix, Map<String, List<String>> query) {
        String to = first(query, "To");
        String from = first(query, "From");
        String dateSent = first(query, "DateSent");
        String sentBefore = first(query, "DateSent<");
        String sentAfter = first(query, "DateSent>");
        LocalDate sentOn;
        LocalDate onOrBefore;
        LocalDate onOrAfter;
        try {
            sentOn = day(dateSent);
            onOrBefore = day(sentBefore);
            onOrAfter = day(sentAfter);
        } catch (DateTimeParseException e) {
            return error(400, 20001, "DateSent, DateSent< and DateSent> must be dates in the form YYYY-MM-DD.");
        }
        Integer pageSize = intParam(query, "PageSize", 50, 1);
        Integer page = intParam(query, "Page", 0, 0);
        if (pageSize == null || page == null) {
            return error(400, 20001, "PageSize must be at least 1 and Page at least 0.");
        }
        pageSize = Math.min(pageSize, MAX_PAGE_SIZE);

        List<StoredMessage> matching = new ArrayList<>();
        for (StoredMessage m : account.messages.values()) {
            LocalDate sentDay = m.dateSent == null ? null : LocalDate.ofInstant(m.dateSent, ZoneOffset.UTC);
            if ((to == null || to.equals(m.to)) && (from == null || from.equals(m.from))
                && (sentOn == null || sentOn.equals(sentDay))
                && (onOrBefore == null || sentDay != null && !sentDay.isAfter(onOrBefore))
                && (onOrAfter == null || sentDay != null && !sentDay.isBefore(onOrAfter))) {
                matching.add(m);
            }
        }
        Collections.reverse(matching);
        long start = (long) page * pageSize;
        List<StoredMessage> onPage = matching.subList((int) Math.min(start, matching.size()),
                (int) Math.min(start + pageSize, matching.size()));
        boolean last = start + pageSize >= matching.size();

        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode messages = answer.putArray("messages");
        onPage.forEach(m -> messages.add(json(m)));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("To", to);
        filters.put("From", from);
        filters.put("DateSent", dateSent);
        filters.put("DateSent<", sentBefore);
        filters.put("DateSent>", sentAfter);
        String base = prefix + "/Accounts/" + account.sid + "/Messages.json";
        answer.put("uri", pageUri(base, filters, pageSize, page));
        answer.put("first_page_uri", pageUri(base, filters, pageSize, 0));
        answer.put("next_page_uri", last ? null : pageUri(base, filters, pageSize, page + 1));
        answer.put("previous_page_uri", page == 0 ? null : pageUri(base, filters, pageSize, page - 1));
        answer.put("page", page);
        answer.put("page_size", pageSize);
        answer.put("start", start);
        answer.put("end", onPage.isEmpty() ? start : start + onPage.size() - 1);
        return SimResponse.json(200, answer.toString());
    }

    // the path from the host, with the API prefix the request used, as the providers write it
    private static String pageUri(String base, Map<String, String> filters, int pageSize, int page) {
        StringBuilder uri = new StringBuilder(base).append('?');
        filters.forEach((name, value) -> {
            if (value != null) {
                uri.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return uri.append("PageSize=").append(pageSize).append("&Page=").append(page).toString();
    }

    // YYYY-MM-DD, or a date-time whose UTC day counts
    private static LocalDate day(String value) {
        if (value == null) {
            return null;
        }
        return value.length() > 10 ? LocalDate.ofInstant(Instant.parse(value), ZoneOffset.UTC)
                : LocalDate.parse(value);
    }

    private static Integer intParam(Map<String, List<String>> query, String name, int defaultValue, int min) {
        String value = first(query, name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < min) {
            return null;
        }
        return Integer.parseInt(value);
    }

    // JSON

    private static ObjectNode json(StoredMessage m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("account_sid", m.accountSid);
        node.put("api_version", API_VERSION);
        node.put("body", m.body);
        node.put("date_created", RFC_2822.format(m.dateCreated));
        node.put("date_sent", m.dateSent == null ? null : RFC_2822.format(m.dateSent));
        node.put("date_updated", RFC_2822.format(m.dateUpdated));
        node.put("direction", "outbound-api");
        node.put("error_code", m.errorCode);
        node.putNull("error_message");
        node.put("from", m.from);
        node.put("messaging_service_sid", m.messagingServiceSid);
        node.put("num_media", String.valueOf(m.mediaUrls.size()));
        node.put("num_segments", String.valueOf(m.numSegments));
        node.put("price", m.price);
        node.put("price_unit", "USD");
        node.put("sid", m.sid);
        node.put("status", m.status);
        node.putObject("subresource_uris").put("media", m.uri().replaceFirst("\\.json$", "/Media.json"));
        node.put("to", m.to);
        node.put("uri", m.uri());
        return node;
    }

    // helpers

    private static SimResponse notFound(String path) {
        return error(404, 20404, "The requested resource " + path + " was not found");
    }

    private static SimResponse methodNotAllowed(String method) {
        return error(405, 20004, "Method " + method + " not allowed");
    }

    private static SimResponse error(int status, int code, String message) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("code", code);
        answer.put("message", message);
        answer.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        answer.put("status", status);
        return SimResponse.json(status, answer.toString());
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
