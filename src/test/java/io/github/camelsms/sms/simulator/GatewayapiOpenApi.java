package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The oracle for GatewayAPI requests: the OpenAPI document in src/test/resources/gatewayapi-oai, written from
 * GatewayAPI's documents (each field cites its page; GatewayAPI publishes no spec), checked with Atlassian's
 * swagger-request-validator. Beyond the document it holds camel-sms to the one authentication it sends,
 * {@code Authorization: Token <token>}, and to JSON bodies.
 */
public final class GatewayapiOpenApi {

    public static final String SPEC = "/gatewayapi-oai/gatewayapi-rest.yaml";
    /** The paths that stand for the user's server in the document: where the webhooks are checked. */
    public static final String DELIVERY_STATUS = "/webhooks/delivery-status";
    public static final String MO_SMS = "/webhooks/mo-sms";

    private static final Pattern TOKEN = Pattern.compile("Token [^\\s]+");
    private static volatile GatewayapiOpenApi instance;

    private final OpenApiInteractionValidator validator;

    private GatewayapiOpenApi(String spec) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    public static GatewayapiOpenApi get() {
        GatewayapiOpenApi result = instance;
        if (result == null) {
            synchronized (GatewayapiOpenApi.class) {
                result = instance;
                if (result == null) {
                    try (InputStream in = GatewayapiOpenApi.class.getResourceAsStream(SPEC)) {
                        if (in == null) {
                            throw new IllegalStateException(SPEC + " is not on the class path");
                        }
                        result = new GatewayapiOpenApi(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot read " + SPEC, e);
                    }
                    instance = result;
                }
            }
        }
        return result;
    }

    /** Whether the path is one of GatewayAPI's REST paths. */
    public static boolean isGatewayapiPath(String path) {
        return path.startsWith("/rest/");
    }

    /** The objections to a request sent to GatewayAPI, empty when it conforms. */
    public List<String> violations(String method, String path, String query, Map<String, String> headers,
            String body) {
        List<String> problems = new ArrayList<>();
        String authorization = header(headers, "authorization");
        if (authorization == null || !TOKEN.matcher(authorization).matches()) {
            problems.add(method + " " + path + ": the Authorization header is not 'Token <api-token>'");
        }
        problems.addAll(check(method, path, query, headers, body));
        return problems;
    }

    public List<String> violations(RecordedRequest request) {
        return violations(request.method(), request.path(), request.query(), request.headers(), request.body());
    }

    /**
     * The objections to a webhook GatewayAPI (the simulation) posted, checked as a request to {@link #DELIVERY_STATUS}
     * or {@link #MO_SMS}.
     */
    public List<String> webhookViolations(String documentPath, RecordedRequest callback) {
        return check(callback.method(), documentPath, null, callback.headers(), callback.body());
    }

    private List<String> check(String method, String path, String query, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) {
                request.withHeader(name, value);
            }
        });
        RecordedRequest.parseParams(query).forEach(request::withQueryParam);
        if (body != null && !body.isEmpty()) {
            String contentType = header(headers, "content-type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                problems.add(method + " " + path + ": Content-Type is '" + contentType + "', camel-sms sends JSON");
            }
            request.withContentType("application/json").withBody(body);
        }
        validator.validateRequest(request.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> method + " " + path + ": " + describe(m))
                .forEach(problems::add);
        return problems;
    }

    // a oneOf (one message or a list) reports why each choice failed in nested messages
    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getKey()).append(": ").append(message.getMessage());
        for (ValidationReport.Message nested : message.getNestedMessages()) {
            text.append(" [").append(describe(nested)).append(']');
        }
        return text.toString();
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
