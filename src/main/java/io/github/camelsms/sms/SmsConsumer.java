package io.github.camelsms.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import io.github.camelsms.sms.spi.SmsErrors;
import io.github.camelsms.sms.webhook.SmsIdempotentWebhookMemory;
import io.github.camelsms.sms.spi.SmsWebhookEvent;
import io.github.camelsms.sms.webhook.SmsWebhookMemory;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.spi.SmsWebhooks;
import io.github.camelsms.sms.spi.SmsWebhooks.SmsWebhookReply;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.github.camelsms.sms.exception.SmsValidationException;

/**
 * Receives a provider's webhooks (delivery reports, inbound SMS) on the application's platform-http server. Before
 * the route sees a request it checks the webhookVerifyToken and the signature (403 otherwise), drops retries and
 * out-of-order reports, and turns the request into a DeliveryReport or InboundSms; afterwards it writes the answer the
 * provider expects.
 */
public class SmsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SmsConsumer.class);
    private static final int DEFAULT_REPOSITORY_SIZE = 10000;
    /** The header camel-http-common's servlet binding (Spring Boot's platform-http engine) sets. */
    private static final String SERVLET_REQUEST = "CamelHttpServletRequest";
    /** When the provider is asked to retry a webhook the consumer cannot decide now (a copy in flight, a busy memory). */
    static final String RETRY_AFTER_SECONDS = "5";

    private final SmsWebhooks webhooks;
    private final String operation;
    private String path;
    private boolean validateSignature;
    private SmsWebhookSignature signature;
    private IdempotentRepository repository;
    private boolean ownRepository;
    private SmsWebhookMemory memory;
    private Semaphore routing;
    private Consumer httpConsumer;

    public SmsConsumer(SmsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.webhooks = endpoint.getProvider().webhooks();
        this.operation = endpoint.getConfiguration().getOperation();
    }

    @Override
    public SmsEndpoint getEndpoint() {
        return (SmsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        checkConfiguration(getEndpoint().getConfiguration());
        // resolved while the routes are initialized, not when they start: a runtime that creates its HTTP server
        // lazily, when platform-http is first resolved (Camel JBang), can start that server only then
        String methods = String.join(",", new TreeSet<>(webhooks.httpMethods(operation)));
        Endpoint http = getEndpoint().getCamelContext()
                .getEndpoint("platform-http:" + path + "?httpMethodRestrict=" + methods);
        httpConsumer = http.createConsumer(this::handle);
        ServiceHelper.initService(httpConsumer);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SmsConfiguration configuration = getEndpoint().getConfiguration();
        memory = configuration.getWebhookMemory();
        if (memory == null) {
            repository = configuration.getIdempotentRepository();
            ownRepository = repository == null;
            if (ownRepository) {
                repository = MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_REPOSITORY_SIZE);
            }
            ServiceHelper.startService(repository);
            memory = new SmsIdempotentWebhookMemory(repository);
        } else {
            ServiceHelper.startService(memory);
        }
        int maxConcurrent = configuration.getMaxConcurrentWebhooks();
        routing = maxConcurrent > 0 ? new Semaphore(maxConcurrent) : null;
        ServiceHelper.startService(httpConsumer);
        LOG.info("Receiving {} {} on {} ({})", provider(), operation, path,
                validateSignature ? "signatures validated"
                        : configuration.getWebhookVerifyToken() != null ? "webhookVerifyToken required" : "unauthenticated");
    }

    private void checkConfiguration(SmsConfiguration configuration) {
        String configuredPath = configuration.getPath();
        if (configuredPath == null || configuredPath.isBlank()) {
            throw invalid("path", "the path option is not set: set the HTTP path to serve, for example path=/sms/"
                                  + provider() + "/" + operation);
        }
        path = configuredPath.startsWith("/") ? configuredPath.strip() : "/" + configuredPath.strip();
        if (configuration.getMaxConcurrentWebhooks() < 0) {
            throw invalid("maxConcurrentWebhooks", "maxConcurrentWebhooks must be 0 (no limit) or more");
        }
        if (configuration.getWebhookMemory() != null && configuration.getIdempotentRepository() != null) {
            throw invalid("webhookMemory", "set either webhookMemory or idempotentRepository, not both: the webhook"
                                           + " memory keeps its own record of the routed webhooks");
        }
        validateSignature = getEndpoint().validatesSignatures();
        if (validateSignature && !webhooks.canSign()) {
            throw invalid("validateSignature", provider() + " does not sign its callbacks: set validateSignature=false"
                                               + " and protect the URL with the webhookVerifyToken option");
        }
        if (validateSignature) {
            webhooks.checkSigningKey(operation, configuration);
            signature = webhooks.signature(operation, configuration);
        }
        String publicBaseUrl = configuration.getPublicBaseUrl();
        if (publicBaseUrl != null && !publicBaseUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw invalid("publicBaseUrl", "the publicBaseUrl '" + publicBaseUrl + "' must be an absolute http(s) URL"
                                           + " without query, for example https://example.com");
        }
        if (!validateSignature && configuration.getWebhookVerifyToken() == null) {
            LOG.warn("sms:{}/{} on {} accepts callbacks from anyone: set the webhookVerifyToken option{}", provider(),
                    operation, path, webhooks.canSign() ? " or validateSignature=true" : "");
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(httpConsumer);
        if (ownRepository) {
            ServiceHelper.stopService(repository);
        }
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(httpConsumer);
        httpConsumer = null;
        super.doShutdown();
    }

    void handle(Exchange exchange) throws Exception {
        SmsConfiguration configuration = getEndpoint().getConfiguration();
        Message in = exchange.getIn();
        Map<String, List<String>> query = parseParams(rawQuery(in));
        byte[] jsonBody = isJson(in) ? in.getBody(byte[].class) : null;
        Map<String, List<String>> bodyParams = jsonBody != null ? jsonParams(jsonBody) : formParams(exchange, query);
        List<String> tokens = query.remove(SmsCallbackUrls.TOKEN_PARAM);
        SmsWebhookRequest request = new SmsWebhookRequest(in.getHeader(Exchange.HTTP_METHOD, String.class),
                publicUrl(in, configuration), query, bodyParams, name -> in.getHeader(name, String.class),
                jsonBody != null ? jsonBody : new byte[0]);
        if (tokens != null) {
            hideToken(in);
        }

        String expectedToken = configuration.getWebhookVerifyToken();
        if (expectedToken != null && !tokenMatches(expectedToken, tokens)) {
            reject(exchange, "the webhookVerifyToken parameter is missing or wrong");
            return;
        }
        SmsWebhookSignature.Verdict verdict = validateSignature ? signature.verify(request) : null;
        if (verdict != null && !verdict.valid()) {
            reject(exchange, verdict.reason() + " (if the application runs behind a proxy, set publicBaseUrl to the"
                             + " URL prefix the provider calls)");
            return;
        }
        SmsWebhookEvent event;
        try {
            event = webhooks.read(operation, request);
        } catch (IllegalArgumentException e) {
            LOG.warn("Refused a {} {} request on {}: {}", provider(), operation, path, e.getMessage());
            answer(exchange, 400, new SmsWebhookReply("text/plain", e.getMessage()));
            return;
        }
        if (event.duplicateKey() == null) {
            routeWithinBound(exchange, event);
            return;
        }
        SmsWebhookMemory.Claim claim = memory.claim(event);
        switch (claim) {
            case DUPLICATE -> {
                LOG.debug("Dropped a repeated {} {} callback", provider(), operation);
                answer(exchange, 200, webhooks.skipped(operation));
            }
            case LATE -> {
                LOG.debug("Dropped a {} {} report that arrived after the final one", provider(), operation);
                answer(exchange, 200, webhooks.skipped(operation));
            }
            case IN_FLIGHT -> {
                // the first copy is still being routed: only its outcome tells whether this one is needed. Asked
                // again later rather than waited for here, where the wait would hold one of the server's threads
                LOG.debug("Asked the provider to retry a {} {} callback whose first copy is still being routed",
                        provider(), operation);
                retryLater(exchange, "Another copy is being handled; retry later");
            }
            case BUSY -> {
                LOG.warn("Asked the provider to retry a {} {} callback: the webhook memory is busy", provider(),
                        operation);
                retryLater(exchange, "Busy; retry later");
            }
            case ROUTE -> {
                Boolean routed = false;
                try {
                    routed = routeWithinBound(exchange, event);
                } finally {
                    if (Boolean.TRUE.equals(routed)) {
                        memory.routed(event);
                    } else {
                        memory.failed(event);
                    }
                }
            }
        }
    }

    /**
     * Routes the event unless maxConcurrentWebhooks are being routed already, in which case the provider is asked at once
     * to retry (so a slow route or a flood cannot take every thread of the HTTP server). True when the route succeeded,
     * false when it failed, null when it was not routed.
     */
    private Boolean routeWithinBound(Exchange exchange, SmsWebhookEvent event) {
        if (routing != null && !routing.tryAcquire()) {
            LOG.warn("Asked the provider to retry a {} {} webhook: {} are being routed already (maxConcurrentWebhooks)",
                    provider(), operation, getEndpoint().getConfiguration().getMaxConcurrentWebhooks());
            retryLater(exchange, "Busy; retry later");
            return null;
        }
        try {
            return route(exchange, event);
        } finally {
            if (routing != null) {
                routing.release();
            }
        }
    }

    /** Routes the event; true when the route succeeded and the provider got its answer. */
    private boolean route(Exchange exchange, SmsWebhookEvent event) {
        Message in = exchange.getIn();
        in.setBody(event.body());
        event.headers().forEach(in::setHeader);
        in.setHeader(SmsConstants.PROVIDER, provider());
        in.setHeader(SmsConstants.OPERATION, operation);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            return false; // the engine answers 500: the provider retries, and the retry is routed
        }
        answer(exchange, 200, webhooks.reply(operation, exchange.getMessage().getBody()));
        return true;
    }

    private static void retryLater(Exchange exchange, String reason) {
        answer(exchange, 503, new SmsWebhookReply("text/plain", reason));
        exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    private void reject(Exchange exchange, String reason) {
        LOG.warn("Rejected a {} {} request on {} with 403: {}", provider(), operation, path, reason);
        answer(exchange, 403, new SmsWebhookReply("text/plain", "Forbidden"));
    }

    private static void answer(Exchange exchange, int status, SmsWebhookReply reply) {
        Message message = exchange.getMessage();
        // only this answer goes back: no request parameter or route header becomes a response header
        message.removeHeaders("*", "Camel*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (reply.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        }
        message.setBody(reply.body());
    }

    private String publicUrl(Message in, SmsConfiguration configuration) {
        String rawQuery = rawQuery(in);
        String suffix = rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery;
        String base = configuration.getPublicBaseUrl();
        if (base != null) {
            String uri = in.getHeader(Exchange.HTTP_URI, String.class);
            String requestPath = uri == null ? path : uri.replaceFirst("[?#].*$", "");
            return base.replaceFirst("/+$", "") + requestPath + suffix;
        }
        String url = in.getHeader(Exchange.HTTP_URL, String.class);
        if (url == null) {
            return path + suffix;
        }
        return url.contains("?") ? url : url + suffix;
    }

    /**
     * The query string as it came, undecoded: Vert.x (camel-main, Quarkus) sets CamelHttpRawQuery, the Spring Boot engine
     * only CamelHttpQuery (the servlet's query string, also undecoded).
     */
    private static String rawQuery(Message in) {
        String raw = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        return raw != null ? raw : in.getHeader(Exchange.HTTP_QUERY, String.class);
    }

    /** Takes the webhookVerifyToken out of the headers the route (and whatever it logs) sees. */
    private static void hideToken(Message in) {
        in.removeHeader(SmsCallbackUrls.TOKEN_PARAM);
        for (String header : List.of(Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY, Exchange.HTTP_URI,
                Exchange.HTTP_URL)) {
            String value = in.getHeader(header, String.class);
            if (value != null) {
                in.setHeader(header, value.replaceAll("(?<=^|[?&])" + SmsCallbackUrls.TOKEN_PARAM + "=[^&#]*(&|$)", "")
                        .replaceFirst("[?&]$", ""));
            }
        }
    }

    private static Map<String, List<String>> formParams(Exchange exchange, Map<String, List<String>> query) {
        Object body = exchange.getIn().getBody();
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            // the platform-http engine parsed the form already (populateBodyWithForm): Vert.x into decoded values,
            // Spring Boot's servlet engine into values still URL-encoded (the signature covers the decoded ones).
            // A servlet engine whose request was read before hands over its parameter map instead (String[] values,
            // decoded, the query's first): the query's values are taken off, as the signature covers only the body's
            boolean encoded = exchange.getIn().getHeader(SERVLET_REQUEST) != null;
            UnaryOperator<String> value = v -> encoded ? decode(v) : v;
            boolean servletParameters = map.values().stream().anyMatch(String[].class::isInstance);
            map.forEach((name, values) -> {
                List<String> list = form.computeIfAbsent(servletParameters ? String.valueOf(name)
                        : value.apply(String.valueOf(name)), n -> new ArrayList<>());
                if (values instanceof String[] decoded) {
                    list.addAll(List.of(decoded));
                } else if (values instanceof Iterable<?> many) {
                    many.forEach(v -> list.add(value.apply(String.valueOf(v))));
                } else if (values != null) {
                    list.add(value.apply(String.valueOf(values)));
                }
            });
            if (servletParameters) {
                query.forEach((name, queryValues) -> {
                    List<String> values = form.get(name);
                    if (values != null && values.size() >= queryValues.size()
                        && values.subList(0, queryValues.size()).equals(queryValues)) {
                        values.subList(0, queryValues.size()).clear();
                    }
                });
                form.values().removeIf(List::isEmpty);
            }
            return form;
        }
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return parseParams(exchange.getIn().getBody(String.class));
        }
        return form;
    }

    private static boolean isJson(Message in) {
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** A JSON object body's top-level fields as parameters: text as it is, anything else as JSON. */
    private static Map<String, List<String>> jsonParams(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        JsonNode json = SmsJson.readOrNull(body);
        if (json != null && json.isObject()) {
            json.fields().forEachRemaining(field -> params.put(field.getKey(),
                    List.of(field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
        }
        return params;
    }

    static Map<String, List<String>> parseParams(String text) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        // a raw '?' inside a query separates too: CPSMS may join status and receiver with a second '?' when dlr_url
        // had a query already (an encoded %3F in a value is not affected)
        for (String pair : text.split("[&?]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean tokenMatches(String expected, List<String> given) {
        if (given == null || given.size() != 1) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.get(0).getBytes(StandardCharsets.UTF_8));
    }

    private String provider() {
        return getEndpoint().getProvider().name();
    }

    private SmsValidationException invalid(String field, String message) {
        return SmsErrors.invalid(provider(), operation, field, message);
    }
}
