package io.github.camelsms.sms.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sinch's SMS REST API (XMS) under {@code /xms/v1/{service_plan_id}/}, written from Sinch's documents
 * (shared/reference/more-providers.md section 4; the pages are cited in src/test/resources/sinch-oai/sinch-sms.yaml):
 * <ul>
 * <li>{@code POST batches} answers 201 with the batch (one id for every recipient); {@code GET batches} lists them a
 * page at a time ({@code page}, {@code page_size} 1 to 100, default 30); {@code GET batches/{id}} reads one;
 * {@code DELETE batches/{id}} cancels a batch whose {@code send_at} has not come.</li>
 * <li>Errors: 401 for a token that is not the service plan's; 400 {@code {"code","text"}} with
 * {@code syntax_invalid_json}, {@code syntax_invalid_parameter_format} or {@code syntax_constraint_violation}; 403
 * {@code blocked_account} for a blocked plan (Sinch documents no insufficient-credit answer: an account out of credit
 * is blocked, and its messages are reported with code 413); 429 with Sinch's problem body when the plan is
 * throttled; 404 for an unknown batch.</li>
 * <li>Delivery reports, when the batch asks for them ({@code delivery_report} other than {@code none}, the default)
 * and has a {@code callback_url} or the plan a default one: {@code per_recipient} posts Dispatched then Delivered for
 * each recipient, {@code per_recipient_final} only the outcome, {@code summary} and {@code full} one report for the
 * batch. A recipient whose number starts with +4599 fails (code 402, unroutable). Recipients are written as in the
 * SDK's own test data: with + in a recipient report, without it in a batch report's list.</li>
 * <li>A service plan with an HMAC secret signs every callback as the SDK verifies it:
 * {@code x-sinch-webhook-signature} = Base64(HmacSHA256(secret, body + "." + nonce + "." + timestamp)).</li>
 * </ul>
 */
public final class SinchSimulation implements Simulation {

    static final String PREFIX = "/xms/v1/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_BODY = 2000;
    private static final int MAX_RECIPIENTS = 1000;
    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SmsSimulator simulator;
    private final Map<String, ServicePlan> plans = new ConcurrentHashMap<>();
    private volatile Duration callbackDelay = Duration.ofMillis(50);

    SinchSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** Adds a service plan with its API token; returns it for further set-up. */
    public ServicePlan addServicePlan(String servicePlanId, String apiToken) {
        ServicePlan plan = new ServicePlan(servicePlanId, apiToken);
        plans.put(servicePlanId, plan);
        return plan;
    }

    public ServicePlan servicePlan(String servicePlanId) {
        return plans.get(servicePlanId);
    }

    public SinchSimulation callbackDelay(Duration delay) {
        this.callbackDelay = delay;
        return this;
    }

    /** One simulated service plan: its token, batches and what its account manager arranged. */
    public static final class ServicePlan {
        private final String id;
        private final String apiToken;
        private final List<Batch> batches = new ArrayList<>();
        private String hmacSecret;
        private String defaultCallbackUrl;
        private boolean blocked;
        private boolean throttled;

        ServicePlan(String id, String apiToken) {
            this.id = id;
            this.apiToken = apiToken;
        }

        /** Signs every callback with this secret (HMAC per service plan, arranged through the account manager). */
        public synchronized ServicePlan hmacSecret(String secret) {
            this.hmacSecret = secret;
            return this;
        }

        /** The callback URL of batches that name none (set in the dashboard). */
        public synchronized ServicePlan defaultCallbackUrl(String url) {
            this.defaultCallbackUrl = url;
            return this;
        }

        /** A blocked account: every send is refused with 403 blocked_account. */
        public synchronized ServicePlan blocked(boolean blocked) {
            this.blocked = blocked;
            return this;
        }

        /** Over the plan's rate: every request is refused with 429. */
        public synchronized ServicePlan throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        /** Every batch accepted so far, oldest first. */
        public synchronized List<Batch> batches() {
            return List.copyOf(batches);
        }

        /** The recipients of every batch accepted so far, batch after batch. */
        public synchronized List<String> recipients() {
            return batches.stream().flatMap(b -> b.to().stream()).toList();
        }

        public String id() {
            return id;
        }
    }

    /** A batch as the simulator stored it; {@code request} is the JSON it was created from. */
    public record Batch(String id, List<String> to, JsonNode request, Instant createdAt, Instant sendAt,
            boolean canceled) {

        public String text(String field) {
            JsonNode value = request.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        Batch cancel() {
            return new Batch(id, to, request, createdAt, sendAt, true);
        }
    }

    @Override
    public String provider() {
        return "sinch";
    }

    // the provider's base URL is the host: it adds /xms/v1/{service_plan_id} itself
    @Override
    public String basePath() {
        return "";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String[] segments = request.path().substring(PREFIX.length()).split("/");
        ServicePlan plan = plans.get(segments[0]);
        String authorization = request.header("authorization");
        if (plan == null || authorization == null || !authorization.equals("Bearer " + plan.apiToken)) {
            return SimResponse.json(401, "{\"error\":{\"code\":401,\"message\":\"Unauthorized\","
                                         + "\"status\":\"UNAUTHENTICATED\"}}");
        }
        synchronized (plan) {
            if (plan.throttled) {
                return SimResponse.json(429, "{\"type\":\"https://developers.sinch.com/docs/errors/registry/"
                                             + "too-many-requests\",\"title\":\"Too Many Requests\"}");
            }
            if (segments.length < 2 || !segments[1].equals("batches") || segments.length > 3) {
                return notFound();
            }
            String method = request.method();
            if (segments.length == 2) {
                return switch (method) {
                    case "POST" -> send(plan, request.body());
                    case "GET" -> list(plan, request.queryParams());
                    default -> notFound();
                };
            }
            int index = indexOf(plan, segments[2]);
            if (index < 0) {
                return notFound();
            }
            return switch (method) {
                case "GET" -> SimResponse.json(200, json(plan.batches.get(index)).toString());
                case "DELETE" -> cancel(plan, index);
                default -> notFound();
            };
        }
    }

    private SimResponse send(ServicePlan plan, String body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (Exception e) {
            return error(400, "syntax_invalid_json", "The JSON in the request is invalid");
        }
        if (json == null || !json.isObject()) {
            return error(400, "syntax_invalid_json", "The request is not a JSON object");
        }
        JsonNode to = json.get("to");
        JsonNode text = json.get("body");
        if (to == null || !to.isArray() || to.isEmpty() || to.size() > MAX_RECIPIENTS || text == null
            || !text.isTextual()) {
            return error(400, "syntax_constraint_violation", "to (1 to 1000 numbers) and body are required");
        }
        if (text.asText().length() > MAX_BODY) {
            return error(400, "syntax_constraint_violation", "body is longer than " + MAX_BODY + " characters");
        }
        List<String> numbers = new ArrayList<>();
        for (JsonNode number : to) {
            if (!number.isTextual() || !E164.matcher(number.asText()).matches()) {
                return error(400, "syntax_invalid_parameter_format", "Invalid MSISDN " + number);
            }
            numbers.add(number.asText());
        }
        Instant sendAt = null;
        if (json.hasNonNull("send_at")) {
            try {
                sendAt = Instant.parse(json.get("send_at").asText());
            } catch (DateTimeParseException e) {
                return error(400, "syntax_invalid_parameter_format", "send_at is not an ISO-8601 time");
            }
        }
        if (plan.blocked) {
            return error(403, "blocked_account", "The account is blocked");
        }
        Instant now = Instant.now();
        Batch batch = new Batch(newId(), List.copyOf(numbers), json, now,
                sendAt != null && sendAt.isAfter(now) ? sendAt : null, false);
        plan.batches.add(batch);
        scheduleReports(plan, batch);
        return SimResponse.json(201, json(batch).toString());
    }

    private SimResponse list(ServicePlan plan, Map<String, List<String>> query) {
        int page;
        int pageSize;
        try {
            page = Integer.parseInt(first(query, "page", "0"));
            pageSize = Integer.parseInt(first(query, "page_size", "30"));
        } catch (NumberFormatException e) {
            return error(400, "syntax_invalid_parameter_format", "page and page_size must be numbers");
        }
        if (page < 0 || pageSize < 1 || pageSize > 100) {
            return error(400, "syntax_constraint_violation", "page_size must be 1 to 100");
        }
        String reference = first(query, "client_reference", null);
        String from = first(query, "from", null);
        // newest first, as Sinch lists them
        List<Batch> matching = new ArrayList<>();
        for (int i = plan.batches.size() - 1; i >= 0; i--) {
            Batch batch = plan.batches.get(i);
            if ((reference == null || reference.equals(batch.text("client_reference")))
                && (from == null || from.equals(batch.text("from")))) {
                matching.add(batch);
            }
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("count", matching.size());
        answer.put("page", page);
        ArrayNode batches = answer.putArray("batches");
        long start = (long) page * pageSize;
        for (long i = start; i < Math.min(matching.size(), start + pageSize); i++) {
            batches.add(json(matching.get((int) i)));
        }
        answer.put("page_size", batches.size());
        return SimResponse.json(200, answer.toString());
    }

    private SimResponse cancel(ServicePlan plan, int index) {
        Batch batch = plan.batches.get(index);
        if (batch.sendAt() != null && batch.sendAt().isAfter(Instant.now())) {
            batch = batch.cancel();
            plan.batches.set(index, batch);
        }
        return SimResponse.json(200, json(batch).toString());
    }

    // delivery reports

    private void scheduleReports(ServicePlan plan, Batch batch) {
        String type = batch.text("delivery_report");
        String url = batch.text("callback_url") != null ? batch.text("callback_url") : plan.defaultCallbackUrl;
        if (type == null || type.equals("none") || url == null) {
            return;
        }
        Duration wait = batch.sendAt() == null ? callbackDelay
                : Duration.between(Instant.now(), batch.sendAt()).plus(callbackDelay);
        simulator.schedule(() -> report(plan, batch.id(), type, url), wait);
    }

    private void report(ServicePlan plan, String batchId, String type, String url) {
        Batch batch;
        String secret;
        synchronized (plan) {
            int index = indexOf(plan, batchId);
            batch = index < 0 ? null : plan.batches.get(index);
            secret = plan.hmacSecret;
        }
        if (batch == null || batch.canceled()) {
            return;
        }
        String reference = batch.text("client_reference");
        if (type.startsWith("per_recipient")) {
            // Dispatched for each recipient now (per_recipient only), the outcomes a moment later
            for (String to : batch.to()) {
                if (type.equals("per_recipient")) {
                    post(url, secret, recipientReport(batch.id(), to, "Dispatched", 401, reference));
                }
            }
            simulator.schedule(() -> batch.to().forEach(to -> {
                boolean fails = to.startsWith("+4599");
                post(url, secret, recipientReport(batch.id(), to, fails ? "Failed" : "Delivered", fails ? 402 : 0,
                        reference));
            }), type.equals("per_recipient") ? callbackDelay : Duration.ZERO);
            return;
        }
        ObjectNode report = MAPPER.createObjectNode();
        report.put("type", "delivery_report_sms");
        report.put("batch_id", batch.id());
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        for (String to : batch.to()) {
            byStatus.computeIfAbsent(to.startsWith("+4599") ? "Failed" : "Delivered", s -> new ArrayList<>())
                    .add(to.substring(1));
        }
        ArrayNode statuses = report.putArray("statuses");
        byStatus.forEach((status, recipients) -> {
            ObjectNode entry = statuses.addObject();
            entry.put("code", status.equals("Delivered") ? 0 : 402);
            entry.put("count", recipients.size());
            if (type.equals("full")) {
                recipients.forEach(entry.putArray("recipients")::add);
            }
            entry.put("status", status);
        });
        report.put("total_message_count", batch.to().size());
        if (reference != null) {
            report.put("client_reference", reference);
        }
        post(url, secret, report.toString());
    }

    private static String recipientReport(String batchId, String to, String status, int code, String reference) {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("type", "recipient_delivery_report_sms");
        report.put("batch_id", batchId);
        report.put("recipient", to);
        report.put("code", code);
        report.put("status", status);
        report.put("at", Instant.now().toString());
        report.put("operator_status_at", Instant.now().toString());
        if (reference != null) {
            report.put("client_reference", reference);
        }
        report.put("number_of_message_parts", 1);
        return report.toString();
    }

    private void post(String url, String secret, String body) {
        simulator.postWebhook(new Webhook("POST", url, "application/json", body, signatureHeaders(secret, body)),
                Duration.ZERO);
    }

    // inbound

    /** The answer a consumer gave to an inbound message. */
    public record InboundAnswer(int status, String body) {
    }

    /**
     * Delivers an SMS that {@code from} sent to the plan's number {@code to} as Sinch's MO callback to the URL (the
     * plan's inbound URL in the dashboard), signed when the plan has an HMAC secret; returns the consumer's answer.
     */
    public InboundAnswer deliverInbound(String url, String servicePlanId, String from, String to, String text) {
        ServicePlan plan = plans.get(servicePlanId);
        if (plan == null) {
            throw new IllegalArgumentException("No simulated Sinch service plan " + servicePlanId);
        }
        ObjectNode mo = MAPPER.createObjectNode();
        mo.put("type", "mo_text");
        mo.put("id", newId());
        mo.put("from", from);
        mo.put("to", to.startsWith("+") ? to.substring(1) : to);
        mo.put("body", text);
        mo.put("operator_id", "24001");
        mo.put("sent_at", Instant.now().minusSeconds(1).toString());
        mo.put("received_at", Instant.now().toString());
        String secret;
        synchronized (plan) {
            secret = plan.hmacSecret;
        }
        String body = mo.toString();
        var response = simulator.sendWebhookNow(new Webhook("POST", url, "application/json", body,
                signatureHeaders(secret, body)));
        return new InboundAnswer(response.statusCode(), response.body());
    }

    // signing

    /** The four headers of Sinch's callback HMAC, or none without a secret. */
    static Map<String, String> signatureHeaders(String secret, String body) {
        if (secret == null) {
            return Map.of();
        }
        String nonce = newId();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-sinch-webhook-signature-nonce", nonce);
        headers.put("x-sinch-webhook-signature-timestamp", timestamp);
        headers.put("x-sinch-webhook-signature-algorithm", "HmacSHA256");
        headers.put("x-sinch-webhook-signature", sign(secret, body, nonce, timestamp));
        return headers;
    }

    /** Base64(HmacSHA256(secret, body + "." + nonce + "." + timestamp)). */
    public static String sign(String secret, String body, String nonce, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((body + "." + nonce + "." + timestamp)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    // answers

    private static ObjectNode json(Batch batch) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", batch.id());
        ArrayNode to = json.putArray("to");
        batch.to().forEach(n -> to.add(n.substring(1)));
        for (String field : List.of("from", "body", "callback_url", "client_reference")) {
            if (batch.text(field) != null) {
                json.put(field, batch.text(field));
            }
        }
        json.put("type", "mt_text");
        json.put("canceled", batch.canceled());
        json.put("created_at", batch.createdAt().toString());
        json.put("modified_at", batch.createdAt().toString());
        json.put("delivery_report", batch.text("delivery_report") != null ? batch.text("delivery_report") : "none");
        if (batch.request().hasNonNull("send_at")) {
            json.put("send_at", batch.text("send_at"));
        }
        json.put("expire_at", (batch.sendAt() != null ? batch.sendAt() : batch.createdAt()).plus(Duration.ofDays(3))
                .toString());
        return json;
    }

    private static SimResponse error(int status, String code, String text) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("code", code);
        json.put("text", text);
        return SimResponse.json(status, json.toString());
    }

    private static SimResponse notFound() {
        return SimResponse.json(404, "{\"error\":{\"code\":404,\"message\":\"Not Found\",\"status\":\"NOT_FOUND\"}}");
    }

    private static int indexOf(ServicePlan plan, String batchId) {
        for (int i = 0; i < plan.batches.size(); i++) {
            if (plan.batches.get(i).id().equals(batchId)) {
                return i;
            }
        }
        return -1;
    }

    private static String first(Map<String, List<String>> query, String name, String otherwise) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }

    /** A ULID-shaped id, as Sinch's batch and inbound ids are. */
    private static String newId() {
        StringBuilder id = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            id.append(ULID_ALPHABET.charAt(RANDOM.nextInt(ULID_ALPHABET.length())));
        }
        return id.toString();
    }
}
