package io.github.camelsms.sms.simulator;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Vonage's SMS API (the "classic" one, not the Messages API) and the balance of its Account API, written from
 * Vonage's documents (shared/reference/more-providers.md section 1 gives the sources):
 * <ul>
 * <li>{@code POST /sms/json} with a form body; credentials in an {@code Authorization: Basic} header (the current API
 * reference, developer.vonage.com/en/api/sms) or, as the older definition has them, {@code api_key} and
 * {@code api_secret} form fields. One recipient per request.</li>
 * <li>The answer is always HTTP 200: {@code {"message-count":"n","messages":[...]}} with one entry per SMS part, each
 * with its {@code status} (0 queued; 1 throttled, 2 missing parameter, 3 invalid parameter, 4 invalid credentials,
 * 9 not enough credit, 12 message too long, 15 invalid sender, or the status set with {@link Account#rejectRecipient})
 * and, when 0, its {@code message-id}, {@code message-price} and {@code remaining-balance}.</li>
 * <li>Parts: {@code type=text} counts in the GSM 7-bit alphabet (160, or 153 per part), {@code type=unicode} in UCS-2
 * (70, or 67 per part); text of more than 3200 characters is status 12.</li>
 * <li>Delivery receipts, one per part, to the request's {@code callback} or the account's receipt URL, unless
 * {@code status-report-req=false}: {@code delivered}, or {@code failed} with err-code 2 for a number starting with
 * 4599; posted as JSON (the dashboard's recommended format), a form or a GET as {@link #webhookStyle} says.</li>
 * <li>Inbound SMS ({@link #deliverInbound}): one webhook per part, with the concat fields for a long text.</li>
 * <li>Signed webhooks when the account has a signature secret: {@code timestamp}, {@code nonce} and {@code sig}
 * (MD5 hash of the sorted parameters and the secret, or their HMAC-MD5/SHA1/SHA256/SHA512, as the dashboard's
 * signature method says), per developer.vonage.com/en/getting-started/concepts/signing-messages.</li>
 * <li>{@code GET /account/get-balance}: {@code {"value":10.17,"autoReload":false}}, or 401 with
 * {@code {"error-code":"401","error-code-label":"authentication failed"}} (the Account API definition).</li>
 * </ul>
 * Signed sends (the {@code sig} form field) are not simulated: such a request is answered with status 14.
 */
public final class VonageSimulation implements Simulation {

    /** The price of one SMS part, in EUR. */
    public static final BigDecimal PRICE = new BigDecimal("0.03330000");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TO = Pattern.compile("\\d{7,15}");
    private static final Pattern NUMERIC_SENDER = Pattern.compile("\\d{1,15}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("[A-Za-z0-9 ]{1,11}");
    private static final DateTimeFormatter SCTS = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";
    private static final int MAX_TEXT = 3200;
    private static final int MAX_CLIENT_REF = 40;

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextMessageId = new AtomicLong(0x0A00000012345670L);
    private volatile Duration callbackDelay = Duration.ofMillis(50);
    private volatile WebhookStyle webhookStyle = WebhookStyle.JSON_POST;

    /** How webhooks are sent: the formats Vonage's dashboard offers. */
    public enum WebhookStyle {
        /** POST with a JSON body (the default, as Vonage recommends). */
        JSON_POST,
        /** POST with a form body. */
        FORM_POST,
        /** GET with the parameters in the query string. */
        GET
    }

    /** The signature methods of Vonage's dashboard. */
    public enum SignatureMethod {
        MD5_HASH(null), HMAC_MD5("HmacMD5"), HMAC_SHA1("HmacSHA1"), HMAC_SHA256("HmacSHA256"),
        HMAC_SHA512("HmacSHA512");

        private final String mac;

        SignatureMethod(String mac) {
            this.mac = mac;
        }
    }

    VonageSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds an account (its API key and secret, and its balance in EUR); returns it for further set-up. */
    public Account addAccount(String apiKey, String apiSecret, BigDecimal balance) {
        Account account = new Account(apiKey, apiSecret, balance);
        accounts.put(apiKey, account);
        return account;
    }

    public Account account(String apiKey) {
        return accounts.get(apiKey);
    }

    /** How webhooks are sent from now on (JSON POST by default). */
    public VonageSimulation webhookStyle(WebhookStyle style) {
        this.webhookStyle = style;
        return this;
    }

    /** How long after a send its delivery receipts are posted. */
    public VonageSimulation callbackDelay(Duration delay) {
        this.callbackDelay = delay;
        return this;
    }

    /** One simulated Vonage account. */
    public static final class Account {
        private final String apiKey;
        private final String apiSecret;
        private BigDecimal balance;
        private String signatureSecret;
        private SignatureMethod signatureMethod = SignatureMethod.MD5_HASH;
        private String receiptUrl;
        private int throttled;
        private final Map<String, String[]> rejections = new LinkedHashMap<>();
        private final List<SentMessage> messages = new ArrayList<>();

        Account(String apiKey, String apiSecret, BigDecimal balance) {
            this.apiKey = apiKey;
            this.apiSecret = apiSecret;
            this.balance = balance;
        }

        public String apiKey() {
            return apiKey;
        }

        public synchronized BigDecimal balance() {
            return balance;
        }

        public synchronized Account balance(BigDecimal balance) {
            this.balance = balance;
            return this;
        }

        /** Signs webhooks with this signature secret and method (signing is off without a secret). */
        public synchronized Account signatureSecret(String secret, SignatureMethod method) {
            this.signatureSecret = secret;
            this.signatureMethod = method;
            return this;
        }

        /** The account's default delivery receipt URL (the dashboard's setting), used when a send has no callback. */
        public synchronized Account receiptUrl(String url) {
            this.receiptUrl = url;
            return this;
        }

        /** Answers the next {@code sends} sends with status 1 (throttled), as above 30 requests per second. */
        public synchronized Account throttle(int sends) {
            this.throttled = sends;
            return this;
        }

        /** Answers sends to this number with this status and error text (6, 7, 29, 33, ...). */
        public synchronized Account rejectRecipient(String number, int status, String errorText) {
            rejections.put(number, new String[] { String.valueOf(status), errorText });
            return this;
        }

        /** Every message accepted so far. */
        public synchronized List<SentMessage> messages() {
            return List.copyOf(messages);
        }
    }

    /**
     * A message the simulation accepted for one recipient.
     *
     * @param messageIds one per part
     */
    public record SentMessage(List<String> messageIds, String to, String from, String text, String type,
            String clientRef, String callback, Integer ttl, boolean garbled) {
    }

    @Override
    public String provider() {
        return "vonage";
    }

    // rest.nexmo.com serves /sms/json and /account/get-balance at its root
    @Override
    public String basePath() {
        return "";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/sms/", "/account/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        if (request.path().equals("/account/get-balance") && request.method().equals("GET")) {
            return balance(request);
        }
        if (request.path().equals("/sms/json") && request.method().equals("POST")) {
            return send(request);
        }
        return SimResponse.json(404, "{\"type\":\"https://developer.nexmo.com/api-errors#not-found\","
                                     + "\"title\":\"Not Found\"}");
    }

    private Account authenticate(SimRequest request, Map<String, List<String>> params) {
        String[] basic = request.basicCredentials();
        String key = basic != null ? basic[0] : first(params, "api_key");
        String secret = basic != null ? basic[1] : first(params, "api_secret");
        Account account = key == null ? null : accounts.get(key);
        return account != null && account.apiSecret.equals(secret) ? account : null;
    }

    private SimResponse balance(SimRequest request) {
        Account account = authenticate(request, request.queryParams());
        if (account == null) {
            return SimResponse.json(401, "{\"error-code\":\"401\",\"error-code-label\":\"authentication failed\"}");
        }
        synchronized (account) {
            return SimResponse.json(200, "{\"value\":" + account.balance.toPlainString() + ",\"autoReload\":false}");
        }
    }

    private SimResponse send(SimRequest request) {
        Map<String, List<String>> form = request.form();
        if (form.containsKey("sig")) {
            return failed(14, "Invalid Signature");
        }
        Account account = authenticate(request, form);
        if (account == null) {
            return failed(4, "Bad Credentials");
        }
        String from = first(form, "from");
        String to = first(form, "to");
        String text = first(form, "text");
        String type = first(form, "type") == null ? "text" : first(form, "type");
        for (String required : List.of("from", "to")) {
            if (first(form, required) == null || first(form, required).isEmpty()) {
                return failed(2, "Missing " + required + " param");
            }
        }
        if ((type.equals("text") || type.equals("unicode")) && (text == null || text.isEmpty())) {
            return failed(2, "Missing text param");
        }
        if (!TO.matcher(to).matches()) {
            return failed(3, "Invalid to param");
        }
        if (!List.of("text", "unicode").contains(type)) {
            return failed(3, "Invalid type param: the simulation sends text and unicode only");
        }
        Integer ttl = integer(first(form, "ttl"));
        if (first(form, "ttl") != null && (ttl == null || ttl < 20000 || ttl > 604800000)) {
            return failed(3, "Invalid ttl param");
        }
        String clientRef = first(form, "client-ref");
        if (clientRef != null && clientRef.length() > MAX_CLIENT_REF) {
            return failed(3, "Invalid client-ref param: at most 40 characters");
        }
        String statusReport = first(form, "status-report-req");
        if (statusReport != null && !List.of("true", "false").contains(statusReport)) {
            return failed(3, "Invalid status-report-req param");
        }
        String callback = first(form, "callback");
        if (callback != null && !callback.startsWith("http://") && !callback.startsWith("https://")) {
            return failed(23, "Invalid Callback Url");
        }
        if (!NUMERIC_SENDER.matcher(from).matches() && !ALPHANUMERIC_SENDER.matcher(from).matches()) {
            return failed(15, "Illegal Sender Address - rejected");
        }
        if (text.length() > MAX_TEXT) {
            return failed(12, "Message too long");
        }
        boolean unicode = type.equals("unicode");
        int parts = parts(text, unicode);
        synchronized (account) {
            if (account.throttled > 0) {
                account.throttled--;
                return failed(1, "Throughput Rate Exceeded - please wait [ 1000 ] and retry");
            }
            String[] rejection = account.rejections.get(to);
            if (rejection != null) {
                return failed(Integer.parseInt(rejection[0]), rejection[1]);
            }
            BigDecimal cost = PRICE.multiply(BigDecimal.valueOf(parts));
            if (account.balance.compareTo(cost) < 0) {
                return failed(9, "Quota Exceeded - rejected");
            }
            ObjectNode answer = MAPPER.createObjectNode();
            answer.put("message-count", String.valueOf(parts));
            ArrayNode entries = answer.putArray("messages");
            List<String> ids = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                account.balance = account.balance.subtract(PRICE);
                String id = String.format("%016X", nextMessageId.getAndIncrement());
                ids.add(id);
                ObjectNode entry = entries.addObject();
                entry.put("to", to);
                entry.put("message-id", id);
                entry.put("status", "0");
                entry.put("remaining-balance", account.balance.toPlainString());
                entry.put("message-price", PRICE.toPlainString());
                entry.put("network", "23410");
                if (clientRef != null) {
                    entry.put("client-ref", clientRef);
                }
            }
            boolean garbled = !unicode && !isGsm(text);
            account.messages.add(new SentMessage(List.copyOf(ids), to, from, text, type, clientRef, callback, ttl,
                    garbled));
            String receiptUrl = callback != null ? callback : account.receiptUrl;
            if (receiptUrl != null && !"false".equals(statusReport)) {
                for (String id : ids) {
                    postReceipt(account, receiptUrl, id, to, from, clientRef);
                }
            }
            return SimResponse.json(200, answer.toString());
        }
    }

    private void postReceipt(Account account, String url, String messageId, String to, String from,
                             String clientRef) {
        boolean fails = to.startsWith("4599");
        Instant now = Instant.now();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("msisdn", to);
        params.put("to", from);
        params.put("network-code", "23410");
        params.put("messageId", messageId);
        params.put("price", PRICE.toPlainString());
        params.put("status", fails ? "failed" : "delivered");
        params.put("scts", SCTS.format(now));
        params.put("err-code", fails ? "2" : "0");
        params.put("api-key", account.apiKey);
        if (clientRef != null) {
            params.put("client-ref", clientRef);
        }
        params.put("message-timestamp", TIMESTAMP.format(now));
        simulator.postWebhook(webhook(account, url, params), callbackDelay);
    }

    /** The answer a webhook gave to an inbound message part. */
    public record InboundAnswer(int status, String body) {
    }

    /**
     * Delivers an SMS that {@code from} sent to the account's virtual number {@code to}: calls the inbound webhook at
     * {@code url} once per part (a text longer than one SMS arrives in parts, each with {@code concat},
     * {@code concat-ref}, {@code concat-total} and {@code concat-part}), signed when the account has a signature
     * secret; returns the webhook's answers, one per part.
     */
    public List<InboundAnswer> deliverInbound(String url, String apiKey, String from, String to, String text) {
        Account account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("No simulated Vonage account " + apiKey);
        }
        boolean unicode = !isGsm(text);
        List<String> parts = split(text, unicode);
        String concatRef = String.valueOf(nextMessageId.get() & 0xFF);
        List<InboundAnswer> answers = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("api-key", apiKey);
            params.put("msisdn", from);
            params.put("to", to);
            params.put("messageId", String.format("%016X", nextMessageId.getAndIncrement()));
            params.put("text", parts.get(i));
            params.put("type", unicode ? "unicode" : "text");
            String firstWord = text.strip().split("\\s+", 2)[0];
            params.put("keyword", firstWord.toUpperCase(Locale.ROOT));
            params.put("message-timestamp", TIMESTAMP.format(Instant.now()));
            if (parts.size() > 1) {
                params.put("concat", "true");
                params.put("concat-ref", concatRef);
                params.put("concat-total", String.valueOf(parts.size()));
                params.put("concat-part", String.valueOf(i + 1));
            }
            var response = simulator.sendWebhookNow(webhook(account, url, params));
            answers.add(new InboundAnswer(response.statusCode(), response.body()));
        }
        return answers;
    }

    /** The webhook call Vonage makes: in the configured style, signed when the account has a signature secret. */
    private Webhook webhook(Account account, String url, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        String secret;
        SignatureMethod method;
        synchronized (account) {
            secret = account.signatureSecret;
            method = account.signatureMethod;
        }
        if (secret != null) {
            all.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
            all.put("nonce", UUID.randomUUID().toString());
            all.put("sig", sign(all, secret, method));
        }
        return switch (webhookStyle) {
            case GET -> new Webhook("GET", url + (url.contains("?") ? "&" : "?") + formOf(all), null, null, Map.of());
            case FORM_POST -> new Webhook("POST", url, "application/x-www-form-urlencoded", formOf(all), Map.of());
            case JSON_POST -> {
                ObjectNode json = MAPPER.createObjectNode();
                all.forEach(json::put);
                yield new Webhook("POST", url, "application/json", json.toString(), Map.of());
            }
        };
    }

    /**
     * Vonage's signature of a parameter set: every parameter but {@code sig}, sorted by name, each as
     * {@code &name=value} with {@code &} and {@code =} inside names and values replaced by {@code _}; then the MD5 hash
     * of that string followed by the secret (lower-case hex), or the HMAC of the string keyed with the secret
     * (upper-case hex, as in the definition's example).
     */
    public static String sign(Map<String, String> params, String secret, SignatureMethod method) {
        StringBuilder data = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("sig")) {
                data.append('&').append(clean(name)).append('=').append(clean(value));
            }
        });
        try {
            if (method == SignatureMethod.MD5_HASH) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest((data + secret).getBytes(StandardCharsets.UTF_8)));
            }
            Mac mac = Mac.getInstance(method.mac);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), method.mac));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(data.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method + " is not available", e);
        }
    }

    private static String clean(String text) {
        return text.replace('&', '_').replace('=', '_');
    }

    private static SimResponse failed(int status, String errorText) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("message-count", "1");
        ObjectNode entry = answer.putArray("messages").addObject();
        entry.put("status", String.valueOf(status));
        entry.put("error-text", errorText);
        return SimResponse.json(200, answer.toString());
    }

    static boolean isGsm(String text) {
        return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
    }

    private static int units(String text, boolean unicode) {
        return unicode ? text.length()
                : text.length() + (int) text.chars().filter(c -> GSM_EXTENSION.indexOf(c) >= 0).count();
    }

    static int parts(String text, boolean unicode) {
        int units = units(text, unicode);
        int single = unicode ? 70 : 160;
        int part = unicode ? 67 : 153;
        return units <= single ? 1 : (units + part - 1) / part;
    }

    private static List<String> split(String text, boolean unicode) {
        int parts = parts(text, unicode);
        List<String> split = new ArrayList<>();
        int size = (text.length() + parts - 1) / parts;
        for (int i = 0; i < text.length(); i += size) {
            split.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return split;
    }

    private static Integer integer(String value) {
        if (value == null || !value.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String formOf(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
