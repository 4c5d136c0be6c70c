package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The oracle for LaML requests: Twilio's official OpenAPI spec of the 2010-04-01 API (twilio/twilio-oai,
 * spec/json/twilio_api_v2010.json, MIT licence; vendored in src/test/resources/twilio-oai with its LICENSE),
 * checked with Atlassian's swagger-request-validator.
 * <p>
 * What is adapted, and why:
 * <ul>
 * <li>Form bodies are typed by the spec's own schema before the check (a form carries only text; the validator would
 * otherwise read {@code +4522334488} as a number and {@code true} as text), so {@code SmartEncoded=maybe} or
 * {@code ValidityPeriod=x} are still reported.</li>
 * <li>mycpaas and SignalWire serve the same resources under /api/laml/2010-04-01: the /api/laml prefix is dropped,
 * and SignalWire's UUID project id and message sids are written as Twilio ids (AC or SM followed by the UUID's 32 hex
 * digits), since the spec's id patterns are Twilio's. SignalWire documents no parameter that Twilio's spec lacks
 * (MaxPrice and ValidityPeriod are in it; the spec sets no maximum for ValidityPeriod), so nothing else is
 * relaxed.</li>
 * <li>The DateSent, DateSent&lt; and DateSent&gt; filters: the spec's schema says date-time but its description (and
 * Twilio's docs) say YYYY-MM-DD, so a YYYY-MM-DD value is checked as that day's midnight UTC.</li>
 * </ul>
 */
public final class TwilioOpenApi {

    public static final String SPEC = "/twilio-oai/twilio_api_v2010.json";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final Pattern LAML_PATH = Pattern.compile("(?:/api/laml)?(?:/2010-04-01)?(/Accounts.*)");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static volatile TwilioOpenApi instance;

    private final OpenApiInteractionValidator validator;
    private final JsonNode components;
    // path template as a regex -> the path item
    private final Map<Pattern, JsonNode> paths = new LinkedHashMap<>();

    private TwilioOpenApi(ObjectNode spec) {
        this.components = spec.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            paths.put(Pattern.compile(path.getKey().replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+")),
                    path.getValue());
            // the typed copy of each form body is checked as JSON against the same schema
            for (JsonNode operation : path.getValue()) {
                JsonNode content = operation.path("requestBody").path("content");
                if (content.has(FORM)) {
                    ((ObjectNode) content).set(JSON, content.get(FORM));
                }
            }
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    /** The shared instance (parsing the 1.8 MB spec takes a few seconds, so it is done once). */
    public static TwilioOpenApi get() {
        TwilioOpenApi result = instance;
        if (result == null) {
            synchronized (TwilioOpenApi.class) {
                result = instance;
                if (result == null) {
                    try (InputStream in = TwilioOpenApi.class.getResourceAsStream(SPEC)) {
                        if (in == null) {
                            throw new IllegalStateException("Twilio's OpenAPI spec " + SPEC + " is not on the class"
                                                            + " path");
                        }
                        result = new TwilioOpenApi((ObjectNode) new ObjectMapper().readTree(in));
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot read " + SPEC, e);
                    }
                    instance = result;
                }
            }
        }
        return result;
    }

    /** Whether the path is a LaML API path (with the prefix /2010-04-01, /api/laml/2010-04-01 or none). */
    public static boolean isLamlPath(String path) {
        return LAML_PATH.matcher(path).matches();
    }

    /**
     * The spec's objections to one request, empty when it conforms.
     *
     * @param path    the decoded path, with the prefix /2010-04-01, /api/laml/2010-04-01 or none
     * @param query   the raw query string, or null
     * @param headers header names (any case) and values
     * @param body    the body, empty when none
     */
    public List<String> violations(String method, String path, String query, Map<String, String> headers,
            String body) {
        Matcher laml = LAML_PATH.matcher(path);
        if (!laml.matches()) {
            return List.of(method + " " + path + ": not a LaML API path");
        }
        String twilioPath = "/2010-04-01" + twilioIds(laml.group(1));
        List<String> problems = new ArrayList<>();
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), twilioPath);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) {
                request.withHeader(name, value);
            }
        });
        RecordedRequest.parseParams(query).forEach((name, values) -> request.withQueryParam(name,
                name.startsWith("DateSent") ? values.stream().map(TwilioOpenApi::dayAsDateTime).toList() : values));
        if (body != null && !body.isEmpty()) {
            String contentType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            JsonNode schema = formSchema(method, twilioPath);
            if (schema == null) {
                problems.add(method + " " + path + ": the spec defines no body for this operation");
            } else if (!contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                problems.add(method + " " + path + ": Content-Type is '" + contentType + "', the spec wants " + FORM);
            } else {
                request.withContentType(JSON).withBody(typed(RecordedRequest.parseParams(body), schema, problems)
                        .toString());
            }
        }
        ValidationReport report = validator.validateRequest(request.build());
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> method + " " + path + ": " + m.getKey() + ": " + m.getMessage())
                .forEach(problems::add);
        return problems;
    }

    /** The spec's objections to a request a test's own loopback server recorded. */
    public List<String> violations(RecordedRequest request) {
        return violations(request.method(), request.path(), request.query(), request.headers(), request.body());
    }

    /** Fails (AssertionError) when the recorded LaML request does not conform to the spec. */
    public static void assertConforms(RecordedRequest request) {
        List<String> problems = get().violations(request);
        if (!problems.isEmpty()) {
            throw new AssertionError("The request does not conform to Twilio's OpenAPI spec:\n  "
                                     + String.join("\n  ", problems));
        }
    }

    private static String dayAsDateTime(String value) {
        return DATE.matcher(value).matches() ? value + "T00:00:00Z" : value;
    }

    private JsonNode formSchema(String method, String twilioPath) {
        for (Map.Entry<Pattern, JsonNode> path : paths.entrySet()) {
            if (path.getKey().matcher(twilioPath).matches()) {
                JsonNode schema = path.getValue().path(method.toLowerCase(Locale.ROOT)).path("requestBody")
                        .path("content").path(FORM).path("schema");
                return schema.isMissingNode() ? null : schema;
            }
        }
        return null;
    }

    private ObjectNode typed(Map<String, List<String>> form, JsonNode schema, List<String> problems) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        form.forEach((name, values) -> {
            JsonNode property = resolve(schema.path("properties").path(name));
            String type = property.path("type").asText("string");
            if ("array".equals(type)) {
                ArrayNode array = json.putArray(name);
                String itemType = resolve(property.path("items")).path("type").asText("string");
                values.forEach(v -> array.add(typed(v, itemType)));
            } else {
                if (values.size() > 1) {
                    problems.add("form parameter " + name + " is repeated, but the spec makes it a single " + type);
                }
                json.set(name, typed(values.get(0), type));
            }
        });
        return json;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null || !ref.startsWith("#/components/")) {
            return schema;
        }
        JsonNode target = components;
        for (String part : ref.substring("#/components/".length()).split("/")) {
            target = target.path(part);
        }
        return target;
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

    // /Accounts/{uuid}/Messages/{uuid}.json -> /Accounts/AC{hex}/Messages/SM{hex}.json
    private static String twilioIds(String resourcePath) {
        String[] segments = resourcePath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            String suffix = segment.endsWith(".json") ? ".json" : "";
            String id = segment.substring(0, segment.length() - suffix.length());
            if (UUID.matcher(id).matches()) {
                segments[i] = ("Accounts".equals(segments[i - 1]) ? "AC" : "SM") + id.replace("-", "") + suffix;
            }
        }
        return String.join("/", segments);
    }
}
