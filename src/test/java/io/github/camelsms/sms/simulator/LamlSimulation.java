package io.github.camelsms.sms.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
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
 * The LaML (Twilio-compatible) half of the simulator. Behaviour follows shared/reference/provider-apis.md section 2,
 * including the [CONV] Twilio conventions, with paths relative to the host root (no /2010-04-01 prefix).
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
    // the account SID cannot contain a dot, so /Accounts/AC1.json leaves ".json" as the rest (an unknown path)
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/Accounts/([^/.]+)(.*)");
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

    LamlSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds an account; returns it for further set-up. */
    public Account addAccount(String accountSid, String authToken) {
        Account account = new Account(accountSid, authToken);
        accounts.put(accountSid, account);
        return account;
    }

    public Account account(String accountSid) {
        return accounts.get(accountSid);
    }

    /** The wait between two status changes of a message (queued → sent → delivered). */
    public LamlSimulation statusDelay(Duration delay) {
        this.statusDelay = delay;
        return this;
    }

    /** One simulated LaML account. */
    public static final class Account {
        private final String sid;
        private final String authToken;
        private Set<String> ownedNumbers;
        // oldest first; listed newest first
        private final Map<String, StoredMessage> messages = new LinkedHashMap<>();

        Account(String sid, String authToken) {
            this.sid = sid;
            this.authToken = authToken;
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

    /** A snapshot of one message the simulator accepted. */
    public record Message(String sid, String accountSid, String to, String from, String body, String status,
            List<String> mediaUrls, String statusCallback, int numSegments, Integer errorCode, Instant dateCreated,
            Instant dateSent) {
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
        String body;
        String status = "queued";
        Integer errorCode;
        Instant dateUpdated;
        Instant dateSent;
        String price;

        StoredMessage(String accountSid, String to, String from, String body, List<String> mediaUrls,
                String statusCallback) {
            this.sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            this.accountSid = accountSid;
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
                    errorCode, dateCreated, dateSent);
        }

        String uri() {
            return "/Accounts/" + accountSid + "/Messages/" + sid + ".json";
        }
    }

    SimResponse handle(SimRequest request) {
        Account account = authenticate(request);
        Matcher path = ACCOUNT_PATH.matcher(request.path());
        if (account == null || path.matches() && !path.group(1).equals(account.sid)) {
            return error(401, 20003, "Authentication Error - invalid username");
        }
        if (!path.matches()) {
            return notFound(request.path());
        }
        String rest = path.group(2);
        String method = request.method();
        synchronized (account) {
            if (rest.equals("/Messages.json")) {
                return switch (method) {
                    case "GET" -> list(account, request.queryParams());
                    case "POST" -> create(account, request.form());
                    default -> methodNotAllowed(method);
                };
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
                case "POST" -> redact(message, request.form());
                default -> delete(account, message);
            };
        }
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

    private SimResponse create(Account account, Map<String, List<String>> form) {
        String to = first(form, "To");
        if (to == null || to.isEmpty()) {
            return error(400, 21211, "A 'To' phone number is required.");
        }
        if (!E164.matcher(to).matches()) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        String from = first(form, "From");
        if (from == null || !E164.matcher(from).matches()) {
            return error(400, 21212, "The 'From' number " + from + " is not a valid phone number.");
        }
        if (account.ownedNumbers != null && !account.ownedNumbers.contains(from)) {
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
        if (to.startsWith("+1555000")) {
            return error(400, 21610, "Attempt to send to unsubscribed recipient.");
        }
        StoredMessage message = new StoredMessage(account.sid, to, from, body == null ? "" : body, mediaUrls,
                statusCallback == null || statusCallback.isEmpty() ? null : statusCallback);
        account.messages.put(message.sid, message);
        simulator.schedule(() -> advance(account, message, "sent"), statusDelay);
        return SimResponse.json(201, json(message).toString());
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
        String form = formOf(params);
        String signature = LamlSignature.sign(account.authToken, message.statusCallback, params);
        simulator.postCallback(message.statusCallback, form,
                Map.of("X-Twilio-Signature", signature, "X-SignalWire-Signature", signature), Duration.ZERO);
    }

    // inbound

    /** The answer a webhook gave to an inbound message. */
    public record InboundAnswer(int status, String contentType, String body) {
    }

    /**
     * Delivers an SMS (or, with media URLs, an MMS) that {@code from} sent to the account's number {@code to}: posts
     * the inbound webhook to {@code url}, signed with the account's auth token, and returns the webhook's answer.
     */
    public InboundAnswer deliverInbound(String url, String accountSid, String from, String to, String body,
            String... mediaUrls) {
        Account account = accounts.get(accountSid);
        if (account == null) {
            throw new IllegalArgumentException("No simulated LaML account " + accountSid);
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
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
        String signature = LamlSignature.sign(account.authToken, url, params);
        var response = simulator.postNow(url, formOf(params),
                Map.of("X-Twilio-Signature", signature, "X-SignalWire-Signature", signature));
        return new InboundAnswer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    static String formOf(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    // one message

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

    private static SimResponse list(Account account, Map<String, List<String>> query) {
        String to = first(query, "To");
        String from = first(query, "From");
        String dateSent = first(query, "DateSent");
        LocalDate sentOn;
        try {
            sentOn = dateSent == null ? null : LocalDate.parse(dateSent);
        } catch (DateTimeParseException e) {
            return error(400, 20001, "DateSent must be a date in the form YYYY-MM-DD.");
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
                && (sentOn == null || sentOn.equals(sentDay))) {
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
        String sid = account.sid;
        answer.put("uri", pageUri(sid, to, from, dateSent, pageSize, page));
        answer.put("first_page_uri", pageUri(sid, to, from, dateSent, pageSize, 0));
        answer.put("next_page_uri", last ? null : pageUri(sid, to, from, dateSent, pageSize, page + 1));
        answer.put("previous_page_uri", page == 0 ? null : pageUri(sid, to, from, dateSent, pageSize, page - 1));
        answer.put("page", page);
        answer.put("page_size", pageSize);
        answer.put("start", start);
        answer.put("end", onPage.isEmpty() ? start : start + onPage.size() - 1);
        return SimResponse.json(200, answer.toString());
    }

    private static String pageUri(String accountSid, String to, String from, String dateSent, int pageSize,
            int page) {
        StringBuilder uri = new StringBuilder("/Accounts/").append(accountSid).append("/Messages.json?");
        if (to != null) {
            uri.append("To=").append(encode(to)).append('&');
        }
        if (from != null) {
            uri.append("From=").append(encode(from)).append('&');
        }
        if (dateSent != null) {
            uri.append("DateSent=").append(encode(dateSent)).append('&');
        }
        return uri.append("PageSize=").append(pageSize).append("&Page=").append(page).toString();
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
        node.putNull("messaging_service_sid");
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
