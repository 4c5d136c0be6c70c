package io.github.camelsms.sms.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The oracle for Sinch requests and callbacks: the schema in src/test/resources/sinch-oai, written from Sinch's
 * documents (each part cites its page) since Sinch's own OpenAPI description carries no licence we found, checked
 * with Atlassian's swagger-request-validator.
 */
public final class SinchOpenApi {

    public static final String SPEC = "/sinch-oai/sinch-sms.yaml";
    /** Where the schema models the callbacks Sinch posts to the user's URLs. */
    public static final String DELIVERY_REPORT_PATH = "/callbacks/delivery-report";
    public static final String INBOUND_PATH = "/callbacks/inbound";

    private static final String API_PREFIX = "/xms/v1/";
    private static final SinchOpenApi INSTANCE = new SinchOpenApi();

    private final OpenApiInteractionValidator validator = OpenApiInteractionValidator
            .createForSpecificationUrl(SinchOpenApi.class.getResource(SPEC).toString()).build();

    private SinchOpenApi() {
    }

    public static SinchOpenApi get() {
        return INSTANCE;
    }

    /** Whether the path is one of Sinch's SMS REST API. */
    public static boolean isSinchPath(String path) {
        return path.startsWith(API_PREFIX);
    }

    /**
     * The schema's objections to one request, empty when it conforms.
     *
     * @param path    the decoded path (an API path, or one of the callback paths above)
     * @param query   the raw query string, or null
     * @param headers header names (any case) and values
     * @param body    the body, empty when none
     */
    public List<String> violations(String method, String path, String query, Map<String, String> headers,
            String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach(request::withHeader);
        RecordedRequest.parseParams(query).forEach(request::withQueryParam);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        List<String> problems = new ArrayList<>();
        validator.validateRequest(request.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> method + " " + path + ": " + m.getKey() + ": " + m.getMessage())
                .forEach(problems::add);
        return problems;
    }

    public List<String> violations(RecordedRequest request) {
        return violations(request.method(), request.path(), request.query(), request.headers(), request.body());
    }

    /** The objections to a callback the simulator posted, checked as the given callback path. */
    public List<String> callbackViolations(RecordedRequest callback, String callbackPath) {
        return violations(callback.method(), callbackPath, null, callback.headers(), callback.body());
    }
}
