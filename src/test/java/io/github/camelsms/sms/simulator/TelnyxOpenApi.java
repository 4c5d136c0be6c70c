package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The oracle for Telnyx requests and webhooks: OpenAPI documents written for this project from Telnyx's public pages
 * (src/test/resources/telnyx-oai, each page cited there; Telnyx's own spec has no licence and is not used), checked
 * with Atlassian's swagger-request-validator. Requests go to {@value #REQUESTS}; webhooks the simulator posts go to
 * {@value #WEBHOOKS}, each as a POST to the path named after it (/deliveryUpdate, /inboundMessage).
 */
public final class TelnyxOpenApi {

    public static final String REQUESTS = "/telnyx-oai/telnyx-messaging.yaml";
    public static final String WEBHOOKS = "/telnyx-oai/telnyx-webhooks.yaml";

    private static final Pattern TELNYX_PATH = Pattern.compile("/v2/(messages|balance)(/.*)?");
    private static final Pattern BEARER = Pattern.compile("Bearer [\\x21-\\x7e]+");
    private static volatile TelnyxOpenApi instance;

    private final OpenApiInteractionValidator requests;
    private final OpenApiInteractionValidator webhooks;

    private TelnyxOpenApi() {
        this.requests = OpenApiInteractionValidator.createForInlineApiSpecification(read(REQUESTS)).build();
        this.webhooks = OpenApiInteractionValidator.createForInlineApiSpecification(read(WEBHOOKS)).build();
    }

    /** The shared instance, parsed once. */
    public static TelnyxOpenApi get() {
        TelnyxOpenApi result = instance;
        if (result == null) {
            synchronized (TelnyxOpenApi.class) {
                result = instance;
                if (result == null) {
                    result = new TelnyxOpenApi();
                    instance = result;
                }
            }
        }
        return result;
    }

    /** Whether the path is one of the Telnyx API paths camel-sms calls. */
    public static boolean isTelnyxPath(String path) {
        return TELNYX_PATH.matcher(path).matches();
    }

    /** The objections to a request to the Telnyx API, empty when it conforms. */
    public List<String> violations(RecordedRequest request) {
        List<String> problems = new ArrayList<>(violations(requests, request.method(), request.path(),
                request.query(), request.headers(), request.body()));
        // the validator does not enforce an http bearer scheme: the document's security is checked here
        String authorization = request.header("Authorization");
        if (authorization == null || !BEARER.matcher(authorization).matches()) {
            problems.add(request.method() + " " + request.path() + ": no 'Authorization: Bearer <API key>' header");
        }
        return problems;
    }

    /**
     * The objections to a webhook the simulator posted, empty when it conforms.
     *
     * @param webhook deliveryUpdate or inboundMessage
     */
    public List<String> webhookViolations(String webhook, RecordedRequest callback) {
        return violations(webhooks, "POST", "/" + webhook, null, callback.headers(), callback.body());
    }

    private static List<String> violations(OpenApiInteractionValidator validator, String method, String path,
            String query, Map<String, String> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach(request::withHeader);
        RecordedRequest.parseParams(query).forEach(request::withQueryParam);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        List<String> problems = new ArrayList<>();
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> method + " " + path + ": " + m.getKey() + ": " + m.getMessage())
                .forEach(problems::add);
        return problems;
    }

    private static String read(String resource) {
        try (InputStream in = TelnyxOpenApi.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
