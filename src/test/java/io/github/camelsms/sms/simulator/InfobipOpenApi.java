package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The oracle for Infobip requests and webhooks: {@code src/test/resources/infobip-oai/infobip-sms.yaml}, written from
 * Infobip's documents (each part cites its page), checked with Atlassian's swagger-request-validator. Requests reach
 * the simulation under {@link #PREFIX}, which is dropped before the check. The webhooks Infobip posts (the send's
 * {@code deliveryReports} callback and the inbound SMS body) are checked against the same document's schemas.
 */
public final class InfobipOpenApi {

    public static final String SPEC = "/infobip-oai/infobip-sms.yaml";
    /** Where the simulator serves Infobip's API (the per-account host's root in production). */
    public static final String PREFIX = "/infobip";

    private static final String DELIVERY_REPORTS = "/webhook/deliveryReports";
    private static final String INBOUND = "/webhook/inbound";
    private static volatile InfobipOpenApi instance;

    private final OpenApiInteractionValidator api;
    private final OpenApiInteractionValidator webhooks;

    private InfobipOpenApi(ObjectNode spec) {
        this.api = OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
        // the webhooks as operations of their own, so that the validator checks their bodies too
        ObjectNode hooks = spec.deepCopy();
        ObjectNode paths = hooks.putObject("paths");
        paths.set(DELIVERY_REPORTS, webhookPath("SmsDeliveryResult"));
        paths.set(INBOUND, webhookPath("SmsInboundResult"));
        hooks.remove("security");
        this.webhooks = OpenApiInteractionValidator.createForInlineApiSpecification(hooks.toString()).build();
    }

    private static ObjectNode webhookPath(String schema) {
        ObjectNode path = new ObjectMapper().createObjectNode();
        ObjectNode post = path.putObject("post");
        ObjectNode body = post.putObject("requestBody").put("required", true);
        body.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + schema);
        post.putObject("responses").putObject("200").put("description", "accepted");
        return path;
    }

    public static InfobipOpenApi get() {
        InfobipOpenApi result = instance;
        if (result == null) {
            synchronized (InfobipOpenApi.class) {
                result = instance;
                if (result == null) {
                    try (InputStream in = InfobipOpenApi.class.getResourceAsStream(SPEC)) {
                        if (in == null) {
                            throw new IllegalStateException(SPEC + " is not on the class path");
                        }
                        result = new InfobipOpenApi((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in));
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot read " + SPEC, e);
                    }
                    instance = result;
                }
            }
        }
        return result;
    }

    public static boolean isInfobipPath(String path) {
        return path.startsWith(PREFIX + "/");
    }

    /** The document's objections to a request the simulation received, empty when it conforms. */
    public List<String> violations(RecordedRequest request) {
        return validate(api, request.method(), request.path().substring(PREFIX.length()), request.query(),
                request.headers(), request.body(), request.method() + " " + request.path());
    }

    /** The document's objections to a delivery report ({@code inbound=false}) or inbound SMS webhook body. */
    public List<String> webhookViolations(boolean inbound, String body) {
        return validate(webhooks, "POST", inbound ? INBOUND : DELIVERY_REPORTS, null,
                Map.of("Content-Type", "application/json"), body, inbound ? "inbound webhook" : "delivery report");
    }

    private static List<String> validate(OpenApiInteractionValidator validator, String method, String path,
                                         String query, Map<String, String> headers, String body, String what) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach(request::withHeader);
        RecordedRequest.parseParams(query).forEach(request::withQueryParam);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        List<String> problems = new ArrayList<>();
        ValidationReport report = validator.validateRequest(request.build());
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> what + ": " + m.getKey() + ": " + m.getMessage())
                .forEach(problems::add);
        String contentType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (body != null && !body.isEmpty()
            && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            problems.add(what + ": Content-Type is '" + contentType + "', Infobip takes application/json");
        }
        return problems;
    }

    /** Fails (AssertionError) when the body does not conform. */
    public static void assertWebhookConforms(boolean inbound, JsonNode body) {
        List<String> problems = get().webhookViolations(inbound, body.toString());
        if (!problems.isEmpty()) {
            throw new AssertionError("The webhook does not conform to the Infobip document:\n  "
                                     + String.join("\n  ", problems));
        }
    }
}
