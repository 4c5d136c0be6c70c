package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The oracle for Vonage requests: Vonage's own OpenAPI definitions of the SMS API ({@code sms.yml} 1.0.10) and the
 * Account API ({@code account.yml} 1.0.3) from Nexmo/api-specification (commit ad04200, MIT licence; vendored unchanged
 * in src/test/resources/vonage-oai with its LICENSE), checked with Atlassian's swagger-request-validator. The delivery
 * receipt and inbound SMS webhooks the simulation posts are checked against the same definitions' schemas
 * ({@code DeliveryReceipt}, {@code InboundMessage}).
 * <p>
 * Where Vonage's current documents differ from these 2020 definitions, the documents win, and the definitions are
 * adapted in memory:
 * <ul>
 * <li>Credentials travel in an {@code Authorization: Basic base64(api_key:api_secret)} header
 * (https://developer.vonage.com/en/api/sms, "Authentication"; https://developer.vonage.com/en/concepts/guides/authentication
 * lists the SMS and Accounts APIs under "API key and secret (header)"; the balance snippet
 * https://developer.vonage.com/en/account/code-snippets/account-balance runs {@code curl -u key:secret}). So
 * {@code api_key} is no longer required in the send's form nor {@code api_key}/{@code api_secret} in the balance's
 * query, and on top of the definitions this check objects to a Vonage request without Basic credentials or with the
 * API secret anywhere in its form or query.</li>
 * <li>The {@code to} pattern {@code \d{7,15}} is anchored: JSON Schema patterns match anywhere in the value, and the
 * definition means digits only (no {@code +}).</li>
 * <li>Form bodies are typed by the definition's own schema before the check (a form carries only text), as in
 * {@link TwilioOpenApi}, so {@code ttl=soon} or {@code message-class=7} are still reported.</li>
 * </ul>
 */
public final class VonageOpenApi {

    static final String SMS_SPEC = "/vonage-oai/sms.yml";
    static final String ACCOUNT_SPEC = "/vonage-oai/account.yml";
    /** Where the webhook schemas are mounted in the adapted SMS definition (paths of our own, not Vonage's). */
    static final String DELIVERY_RECEIPT_PATH = "/webhooks/delivery-receipt";
    static final String INBOUND_PATH = "/webhooks/inbound-sms";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static volatile VonageOpenApi instance;

    private final OpenApiInteractionValidator sms;
    private final OpenApiInteractionValidator account;
    private final JsonNode newMessage;
    private final JsonNode deliveryReceipt;
    private final JsonNode inboundMessage;

    private VonageOpenApi(ObjectNode smsSpec, ObjectNode accountSpec) {
        ObjectNode schemas = (ObjectNode) smsSpec.path("components").path("schemas");
        // Basic authentication replaced api_key in the form (see the class comment)
        ArrayNode required = (ArrayNode) schemas.path("NewMessage").path("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if ("api_key".equals(required.get(i).asText())) {
                required.remove(i);
            }
        }
        // JSON Schema patterns match anywhere in the value: anchored, as the definition's author meant (digits only)
        ((ObjectNode) schemas.path("NewMessage").path("properties").path("to")).put("pattern", "^\\d{7,15}$");
        this.newMessage = schemas.get("NewMessage");
        this.deliveryReceipt = schemas.get("DeliveryReceipt");
        this.inboundMessage = schemas.get("InboundMessage");
        // the typed copy of a form body is checked as JSON against the same schema
        ObjectNode content = (ObjectNode) smsSpec.path("paths").path("/{format}").path("post").path("requestBody")
                .path("content");
        content.set(JSON, content.get(FORM));
        // the server's /sms base path moves into the path, so that the webhook paths below are at the root
        ObjectNode paths = (ObjectNode) smsSpec.path("paths");
        paths.set("/sms/{format}", paths.remove("/{format}"));
        smsSpec.putArray("servers").addObject().put("url", "/");
        paths.set(DELIVERY_RECEIPT_PATH, webhookPath("DeliveryReceipt"));
        paths.set(INBOUND_PATH, webhookPath("InboundMessage"));
        this.sms = OpenApiInteractionValidator.createForInlineApiSpecification(smsSpec.toString()).build();

        // Basic authentication replaced api_key and api_secret in the query (see the class comment)
        accountSpec.putArray("servers").addObject().put("url", "/");
        accountSpec.path("paths").forEach(path -> ((ObjectNode) path).remove("servers"));
        for (JsonNode parameter : accountSpec.path("components").path("parameters")) {
            if ("query".equals(parameter.path("in").asText()) && parameter.path("name").asText().startsWith("api_")) {
                ((ObjectNode) parameter).put("required", false);
            }
        }
        this.account = OpenApiInteractionValidator.createForInlineApiSpecification(accountSpec.toString()).build();
    }

    private static ObjectNode webhookPath(String schema) {
        ObjectNode path = JsonNodeFactory.instance.objectNode();
        ObjectNode post = path.putObject("post");
        post.put("operationId", schema);
        post.putObject("requestBody").put("required", true).putObject("content").putObject(JSON)
                .putObject("schema").put("$ref", "#/components/schemas/" + schema);
        post.putObject("responses").putObject("200").put("description", "accepted");
        return path;
    }

    /** The shared instance (the definitions are parsed once per JVM). */
    public static VonageOpenApi get() {
        VonageOpenApi result = instance;
        if (result == null) {
            synchronized (VonageOpenApi.class) {
                result = instance;
                if (result == null) {
                    result = new VonageOpenApi(read(SMS_SPEC), read(ACCOUNT_SPEC));
                    instance = result;
                }
            }
        }
        return result;
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = VonageOpenApi.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Vonage's OpenAPI definition " + resource + " is not on the class path");
            }
            return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    /** Whether the path is one of the Vonage APIs this oracle checks (the send and the balance). */
    public static boolean isVonagePath(String path) {
        return path.startsWith("/sms/") || path.equals("/account/get-balance");
    }

    /** The objections to one request to the SMS or Account API, empty when it conforms. */
    public List<String> violations(RecordedRequest request) {
        String method = request.method();
        String path = request.path();
        List<String> problems = new ArrayList<>();
        if (RecordedRequest.basicCredentials(request.header("Authorization")) == null) {
            problems.add(method + " " + path + ": no Authorization: Basic header (Vonage's current documents)");
        }
        Map<String, List<String>> query = request.queryParams();
        Map<String, List<String>> form = request.form();
        if (query.containsKey("api_secret") || form.containsKey("api_secret")) {
            problems.add(method + " " + path + ": the API secret travels in the query or the form, not only in the"
                         + " Authorization header");
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(builder::withQueryParam);
        if (path.startsWith("/sms/")) {
            String contentType = request.header("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                problems.add(method + " " + path + ": Content-Type is '" + contentType + "', the definition wants "
                             + FORM);
            }
            builder.withContentType(JSON).withBody(typed(form, newMessage, problems).toString());
            report(sms.validateRequest(builder.build()), method + " " + path, problems);
        } else {
            if (!request.body().isEmpty()) {
                problems.add(method + " " + path + ": the definition defines no body");
            }
            report(account.validateRequest(builder.build()), method + " " + path, problems);
        }
        return problems;
    }

    /**
     * The objections to a webhook the simulation posted: its parameters (query, form or JSON body, all strings) against
     * the definition's {@code DeliveryReceipt} or {@code InboundMessage} schema.
     */
    public List<String> webhookViolations(boolean deliveryReceipt, Map<String, String> params) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        params.forEach(json::put);
        JsonNode schema = deliveryReceipt ? this.deliveryReceipt : inboundMessage;
        // InboundMessage lists timestamp and nonce but not the sig they come with when signing is on
        params.keySet().stream().filter(name -> !schema.path("properties").has(name))
                .filter(name -> !(name.equals("sig") && params.containsKey("nonce")))
                .forEach(name -> problems.add("webhook field " + name + " is not in the definition's schema"));
        String path = deliveryReceipt ? DELIVERY_RECEIPT_PATH : INBOUND_PATH;
        report(sms.validateRequest(SimpleRequest.Builder.post(path).withContentType(JSON).withBody(json.toString())
                .build()), "webhook " + path, problems);
        return problems;
    }

    private static void report(ValidationReport report, String what, List<String> problems) {
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> what + ": " + m.getKey() + ": " + m.getMessage())
                .forEach(problems::add);
    }

    private static ObjectNode typed(Map<String, List<String>> form, JsonNode schema, List<String> problems) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        form.forEach((name, values) -> {
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode()) {
                problems.add("form parameter " + name + " is not in the definition's NewMessage");
            }
            if (values.size() > 1) {
                problems.add("form parameter " + name + " is repeated (one recipient per request)");
            }
            json.set(name, typed(values.get(0), property.path("type").asText("string")));
        });
        return json;
    }

    // a value that does not read as the schema's type stays text, so that the validator reports it
    private static JsonNode typed(String value, String type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (type) {
            case "boolean":
                return "true".equals(value) || "false".equals(value) ? nodes.booleanNode(Boolean.parseBoolean(value))
                        : nodes.textNode(value);
            case "integer":
                return value.matches("-?\\d{1,18}") ? nodes.numberNode(Long.parseLong(value)) : nodes.textNode(value);
            case "number":
                try {
                    return nodes.numberNode(new BigDecimal(value));
                } catch (NumberFormatException e) {
                    return nodes.textNode(value);
                }
            default:
                return nodes.textNode(value);
        }
    }
}
