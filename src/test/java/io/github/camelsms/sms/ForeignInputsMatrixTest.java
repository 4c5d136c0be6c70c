package io.github.camelsms.sms;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.simulator.RecordedRequest;
import io.github.camelsms.sms.webhook.SmsIdempotentWebhookMemory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing silently ignored: every option and every header of the component's metadata, set on a send of every
 * provider, is either honoured (seen on the wire) or refused with an SmsValidationException naming it and the
 * providers that honour it, with nothing sent. The expectations below are written from the providers' documents, not
 * read from the code's declarations.
 */
class ForeignInputsMatrixTest extends SmsTestSupport {

    private static final String CPSMS = "cpsms";
    private static final String SINCH = "sinch";
    private static final String TO = "+4522334488";

    /** Honoured by every provider: the kit applies them (transport, retries, TLS, proxy, Camel's own options). */
    private static final Set<String> GENERIC = Set.of("provider", "operation", "providerOptions", "baseUrl", "retryAttempts",
            "retryDelay", "maxRetryDelay", "allowInsecureHttp", "connectTimeout", "responseTimeout",
            "httpAsyncClientConfigurer", "sslContextParameters", "proxyHost", "proxyPort", "proxyAuthUsername",
            "proxyAuthPassword", "lazyStartProducer", "bridgeErrorHandler", "exceptionHandler", "exchangePattern");

    /** Headers the component sets as results: an earlier sms step leaves them, so a send never refuses them. */
    private static final Set<String> RESULTS = Set.of(SmsConstants.PROVIDER, SmsConstants.OPERATION,
            SmsConstants.MESSAGE_IDS, SmsConstants.STATUS, SmsConstants.COST, SmsConstants.ACCEPTED_COUNT,
            SmsConstants.REJECTED_COUNT, SmsConstants.SEGMENTS, SmsConstants.ENCODING, SmsConstants.CURRENCY,
            SmsConstants.HTTP_RESPONSE_CODE, SmsConstants.MESSAGE_ID, SmsConstants.GROUP_ID);

    private static final Set<String> EVERY_SEND = Set.of("from", "to", "callbackUrl", "defaultRegion",
            "failOnPartialFailure", "skipInvalidRecipients", "maxSegments", "webhookVerifyToken", SmsConstants.TO,
            SmsConstants.FROM, SmsConstants.CALLBACK_URL);
    private static final Set<String> LAML_SEND = Set.of("accountSid", "authToken", "mediaUrl",
            "maxConcurrentRequests", SmsConstants.MEDIA_URL);

    /** What each provider's send honours beyond the generic options. */
    private static final Map<String, Set<String>> SEND_HONOURS = Map.of(
            CPSMS, union(EVERY_SEND, Set.of("username", "apiKey", "encoding", "flash", "reference",
                    "maxRecipientsPerRequest", SmsConstants.SCHEDULED_AT, SmsConstants.REFERENCE, SmsConstants.FLASH)),
            "mycpaas", union(EVERY_SEND, LAML_SEND),
            "twilio", union(EVERY_SEND, LAML_SEND, Set.of("messagingServiceSid", "validityPeriod", "smartEncoded",
                    "shortenUrls", "sendAsMms", SmsConstants.MESSAGING_SERVICE_SID, SmsConstants.SCHEDULED_AT,
                    SmsConstants.VALIDITY_PERIOD)),
            "signalwire", union(EVERY_SEND, LAML_SEND, Set.of("spaceUrl", "validityPeriod", "maxPrice",
                    SmsConstants.VALIDITY_PERIOD)),
            SINCH, union(EVERY_SEND, Set.of("reference", "maxRecipientsPerRequest", SmsConstants.REFERENCE,
                    SmsConstants.SCHEDULED_AT)));

    /**
     * Headers another operation of the same provider reads: they stay on the exchange from step to step of a route,
     * so a send lets them pass (and sends nothing of them).
     */
    private static final Set<String> LAML_OTHER_OPERATIONS = Set.of(SmsConstants.DATE_SENT,
            SmsConstants.DATE_SENT_AFTER, SmsConstants.DATE_SENT_BEFORE);
    private static final Map<String, Set<String>> OTHER_OPERATIONS_READ = Map.of(
            CPSMS, Set.of(SmsConstants.GROUP_NAME, SmsConstants.PHONE_NUMBER, SmsConstants.CONTACT_NAME,
                    SmsConstants.LOG_FROM, SmsConstants.LOG_TO),
            "mycpaas", LAML_OTHER_OPERATIONS, "twilio", LAML_OTHER_OPERATIONS, "signalwire", LAML_OTHER_OPERATIONS,
            SINCH, Set.of());

    ForeignInputsMatrixTest() {
        sim.sinch().addServicePlan(SinchTestSupport.PLAN, SinchTestSupport.SINCH_TOKEN);
    }

    /** One input set on a send: its URI option or header, and what honouring it looks like. */
    private record Probe(String options, Map<String, Object> headers, String body, Check check) {
    }

    private interface Check {
        void verify(String provider, List<RecordedRequest> sent, Exchange exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpsms", "mycpaas", "twilio", "signalwire", "sinch" })
    void everyOptionAndHeaderIsHonouredOrRefused(String provider) throws Exception {
        JsonNode metadata = metadata();
        List<String> problems = new ArrayList<>();
        metadata.get("properties").fieldNames().forEachRemaining(option -> {
            if (option.equals("provider") || option.equals("operation")) {
                return; // the URI path itself
            }
            check(provider, option, optionProbe(provider, option), problems);
        });
        metadata.get("headers").fieldNames().forEachRemaining(header -> check(provider, header,
                headerProbe(provider, header), problems));
        assertThat(problems).isEmpty();
    }

    /**
     * The component holds the defaults of several providers at once; each endpoint uses what its operation honours,
     * neither failing on the others' options nor sending them.
     */
    @org.junit.jupiter.api.Test
    void optionsSetOnTheComponentApplyOnlyWhereHonoured() {
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setUsername(USER);
        defaults.setApiKey(API_KEY);
        defaults.setAccountSid(LAML_SID);
        defaults.setAuthToken(LAML_TOKEN);
        defaults.setFlash(true);
        defaults.setReference("ref-1");
        defaults.setEncoding("UTF-8");
        defaults.setValidityPeriod(600);
        defaults.setMessagingServiceSid(LAML_MESSAGING_SERVICE);
        defaults.setMediaUrl("https://example.com/a.png");
        Map<String, Object> to = Map.of(SmsConstants.TO, TO);

        Exchange cpsms = call("sms:cpsms/send?baseUrl=" + sim.baseUrl(), "Hello", to);
        assertThat(cpsms.getException()).isNull();
        JsonNode json = sim.lastRequest().json();
        assertThat(json.get("flash").asInt()).isEqualTo(1);
        assertThat(json.get("reference").asText()).isEqualTo("ref-1");
        assertThat(json.has("MediaUrl") || json.has("mediaUrl")).isFalse();

        Exchange mycpaas = call("sms:mycpaas/send?baseUrl=" + sim.baseUrl("mycpaas") + "&from=RAW(" + LAML_FROM + ")",
                "Hello", to);
        assertThat(mycpaas.getException()).isNull();
        assertThat(sim.lastRequest().form()).containsOnlyKeys("To", "From", "Body", "MediaUrl");

        Exchange twilio = call("sms:twilio/send?baseUrl=" + sim.baseUrl("twilio") + "&from=RAW(" + LAML_FROM + ")",
                "Hello", to);
        assertThat(twilio.getException()).isNull();
        assertThat(sim.lastRequest().formValue("ValidityPeriod")).isEqualTo("600");
        assertThat(sim.lastRequest().formValue("MessagingServiceSid")).isEqualTo(LAML_MESSAGING_SERVICE);

        Exchange credit = call("sms:cpsms/credit?baseUrl=" + sim.baseUrl(), null, Map.of());
        assertThat(credit.getException()).isNull();
    }

    private void check(String provider, String input, Probe probe, List<String> problems) {
        sim.clearRequests();
        Exchange exchange;
        try {
            exchange = send(provider, probe);
        } catch (RuntimeException e) {
            exchange = null;
            Throwable cause = e;
            while (cause != null && !(cause instanceof SmsValidationException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                problems.add(input + ": the send failed with " + e);
                return;
            }
            verifyRefused(provider, input, (SmsValidationException) cause, problems);
            return;
        }
        List<RecordedRequest> sent = sim.requests();
        boolean honoured = GENERIC.contains(input) || RESULTS.contains(input)
                           || SEND_HONOURS.get(provider).contains(input);
        if (OTHER_OPERATIONS_READ.get(provider).contains(input)) {
            if (exchange.getException() != null || sent.size() != 1) {
                problems.add(input + ": read by another " + provider + " operation, yet not let pass: "
                             + exchange.getException());
            }
            return;
        }
        if (!honoured) {
            if (exchange.getException() instanceof SmsValidationException refused) {
                verifyRefused(provider, input, refused, problems);
            } else {
                problems.add(input + ": not honoured by " + provider + " but not refused (" + sent.size()
                             + " requests sent, exception " + exchange.getException() + ")");
            }
            return;
        }
        if (GENERIC.contains(input)) {
            Exception failure = exchange.getException();
            if (failure instanceof SmsValidationException && failure.getMessage().contains("not supported")) {
                problems.add(input + ": generic but refused: " + failure.getMessage());
            }
            return;
        }
        try {
            probe.check().verify(provider, sent, exchange);
        } catch (AssertionError | RuntimeException e) {
            problems.add(input + ": honoured by " + provider + " but not seen: " + e.getMessage().strip()
                         + (exchange.getException() != null ? " (exception " + exchange.getException() + ")" : ""));
        }
    }

    private void verifyRefused(String provider, String input, SmsValidationException refused, List<String> problems) {
        if (!sim.requests().isEmpty()) {
            problems.add(input + ": refused after sending " + sim.requests().size() + " requests");
        }
        boolean honoured = GENERIC.contains(input) || RESULTS.contains(input)
                           || SEND_HONOURS.get(provider).contains(input)
                           || OTHER_OPERATIONS_READ.get(provider).contains(input);
        if (honoured) {
            problems.add(input + ": honoured by " + provider + " but refused: " + refused.getMessage());
            return;
        }
        String message = refused.getMessage();
        Set<String> expected = new TreeSet<>();
        SEND_HONOURS.forEach((p, inputs) -> {
            if (inputs.contains(input)) {
                expected.add(p);
            }
        });
        if (!message.contains("'" + input + "'") || !message.contains("not supported by " + provider)
            || !expected.stream().allMatch(message::contains)) {
            problems.add(input + ": refused without naming it, " + provider + " and " + expected + ": " + message);
        }
    }

    private Exchange send(String provider, Probe probe) {
        StringBuilder uri = new StringBuilder("sms:").append(provider).append("/send?baseUrl=")
                .append(sim.baseUrl(provider));
        if (provider.equals(CPSMS)) {
            uri.append("&username=").append(USER).append("&apiKey=RAW(").append(API_KEY).append(')');
        } else if (provider.equals(SINCH)) {
            uri.append("&provider.servicePlanId=").append(SinchTestSupport.PLAN).append("&provider.token=RAW(")
                    .append(SinchTestSupport.SINCH_TOKEN).append(')');
        } else {
            boolean signalWire = provider.equals("signalwire");
            uri.append("&accountSid=").append(signalWire ? SIGNALWIRE_PROJECT : LAML_SID)
                    .append("&authToken=RAW(").append(signalWire ? SIGNALWIRE_TOKEN : LAML_TOKEN).append(')')
                    .append("&from=RAW(").append(LAML_FROM).append(')');
        }
        if (!probe.options().isEmpty()) {
            uri.append('&').append(probe.options());
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(SmsConstants.TO, TO);
        headers.putAll(probe.headers());
        return call(uri.toString(), probe.body(), headers);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("repo", new MemoryIdempotentRepository());
        context.getRegistry().bind("memory", new SmsIdempotentWebhookMemory(new MemoryIdempotentRepository()));
        context.getRegistry().bind("configurer",
                (io.github.camelsms.sms.http.HttpAsyncClientConfigurer) builder -> {
                });
        context.getRegistry().bind("ssl", new SSLContextParameters());
        context.getRegistry().bind("handler", (org.apache.camel.spi.ExceptionHandler) new LoggingHandler());
        return context;
    }

    private static final class LoggingHandler implements org.apache.camel.spi.ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
        }

        @Override
        public void handleException(String message, Throwable exception) {
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
        }
    }

    // the probes

    private static Probe option(String options, Check check) {
        return new Probe(options, Map.of(), "Hello", check);
    }

    private static Probe header(String header, Object value, Check check) {
        return new Probe("", Map.of(header, value), "Hello", check);
    }

    private Probe optionProbe(String provider, String option) {
        boolean cpsms = provider.equals(CPSMS);
        boolean json = cpsms || provider.equals(SINCH);
        return switch (option) {
            // the provider's own credentials are in every URI; another provider's are set here
            case "username", "apiKey" -> option(cpsms ? "" : option + "=RAW(other-credential)", (p, sent, e) -> assertThat(sent)
                    .singleElement().satisfies(r -> assertThat(r.basicUser()).isNotNull()));
            case "accountSid", "authToken" -> option(!json ? "" : option + "=RAW(other-credential)", (p, sent, e) -> assertThat(sent)
                    .singleElement().satisfies(r -> assertThat(r.basicUser()).isNotNull()));
            case "spaceUrl" -> option("spaceUrl=example.signalwire.com", accepted());
            case "baseUrl" -> option("", accepted());
            case "providerOptions" -> option("", accepted()); // ProviderOptionsTest: honoured by declaring providers only
            case "path" -> option("path=/hooks/x", accepted());
            case "maxConcurrentWebhooks" -> option("maxConcurrentWebhooks=3", accepted());
            case "bridgeErrorHandler" -> option("bridgeErrorHandler=true", accepted());
            case "exceptionHandler" -> option("exceptionHandler=#handler", accepted());
            case "exchangePattern" -> option("exchangePattern=InOnly", accepted());
            case "lazyStartProducer" -> option("lazyStartProducer=true", accepted());
            case "idempotentRepository" -> option("idempotentRepository=#repo", accepted());
            case "webhookMemory" -> option("webhookMemory=#memory", accepted());
            case "httpAsyncClientConfigurer" -> option("httpAsyncClientConfigurer=#configurer", accepted());
            case "sslContextParameters" -> option("sslContextParameters=#ssl", accepted());
            case "proxyHost" -> option("proxyHost=127.0.0.1", accepted());
            case "proxyPort" -> option("proxyPort=3128", accepted());
            case "proxyAuthUsername" -> option("proxyAuthUsername=proxyUser", accepted());
            case "proxyAuthPassword" -> option("proxyAuthPassword=proxySecret", accepted());
            case "retryAttempts" -> option("retryAttempts=1", accepted());
            case "retryDelay" -> option("retryDelay=100", accepted());
            case "maxRetryDelay" -> option("maxRetryDelay=1000", accepted());
            case "allowInsecureHttp" -> option("allowInsecureHttp=true", accepted());
            case "connectTimeout" -> option("connectTimeout=5000", accepted());
            case "responseTimeout" -> option("responseTimeout=20000", accepted());
            case "validateSignature" -> option("validateSignature=true", accepted());
            case "secretKey" -> option("secretKey=RAW(sign1ng-key)", accepted());
            case "publicBaseUrl" -> option("publicBaseUrl=https://example.com", accepted());
            case "callbackUrl" -> option("callbackUrl=http://127.0.0.1:9/dlr",
                    wire(p -> named(p, "dlr_url", "StatusCallback", "callback_url"),
                            v -> assertThat(v).startsWith("http://127.0.0.1:9/dlr")));
            case "webhookVerifyToken" -> option("callbackUrl=http://127.0.0.1:9/dlr&webhookVerifyToken=tok123",
                    wire(p -> named(p, "dlr_url", "StatusCallback", "callback_url"), v -> assertThat(v).contains("tok123")));
            case "from" -> option(json ? "from=MyShop" : "", wire(p -> json ? "from" : "From",
                    v -> assertThat(v).isIn("MyShop", LAML_FROM)));
            case "to" -> new Probe("to=RAW(+4522334499)", Map.of(SmsConstants.TO, List.of()), "Hello",
                    wire(p -> json ? "to" : "To", v -> assertThat(v).endsWith("4522334499")));
            case "defaultRegion" -> new Probe("defaultRegion=DK", Map.of(SmsConstants.TO, "22334477"), "Hello",
                    wire(p -> json ? "to" : "To", v -> assertThat(v).endsWith("4522334477")));
            case "skipInvalidRecipients" -> new Probe("skipInvalidRecipients=true",
                    Map.of(SmsConstants.TO, TO + ",not-a-number"), "Hello",
                    (p, sent, e) -> assertThat(sent).hasSize(1));
            case "maxRecipientsPerRequest" -> new Probe("maxRecipientsPerRequest=1",
                    Map.of(SmsConstants.TO, TO + ",+4522334477"), "Hello", (p, sent, e) -> assertThat(sent).hasSize(2));
            case "maxConcurrentRequests" -> new Probe("maxConcurrentRequests=1",
                    Map.of(SmsConstants.TO, TO + ",+4522334477"), "Hello", (p, sent, e) -> assertThat(sent).hasSize(2));
            case "failOnPartialFailure" -> option("failOnPartialFailure=true", (p, sent, e) -> {
                assertThat(sent).hasSize(1);
                assertThat(e.getException()).isNull();
            });
            case "maxSegments" -> new Probe("maxSegments=1", Map.of(), "x".repeat(200), (p, sent, e) -> {
                assertThat(sent).isEmpty();
                assertThat(e.getException()).hasMessageContaining("maxSegments allows 1");
            });
            case "encoding" -> option("encoding=ISO-8859-1", wire(p -> "encoding", v -> assertThat(v).isEqualTo("ISO-8859-1")));
            case "flash" -> option("flash=true", wire(p -> "flash", v -> assertThat(v).isEqualTo("1")));
            case "reference" -> option("reference=ref-1", wire(p -> named(p, "reference", null, "client_reference"),
                    v -> assertThat(v).isEqualTo("ref-1")));
            case "mediaUrl" -> option("mediaUrl=https://example.com/a.png",
                    wire(p -> "MediaUrl", v -> assertThat(v).isEqualTo("https://example.com/a.png")));
            case "messagingServiceSid" -> option("messagingServiceSid=" + LAML_MESSAGING_SERVICE,
                    wire(p -> "MessagingServiceSid", v -> assertThat(v).isEqualTo(LAML_MESSAGING_SERVICE)));
            case "validityPeriod" -> option("validityPeriod=600", wire(p -> "ValidityPeriod", v -> assertThat(v).isEqualTo("600")));
            case "smartEncoded" -> option("smartEncoded=true", wire(p -> "SmartEncoded", v -> assertThat(v).isEqualTo("true")));
            case "shortenUrls" -> option("shortenUrls=true" + (provider.equals("twilio")
                    ? "&messagingServiceSid=" + LAML_MESSAGING_SERVICE : ""),
                    wire(p -> "ShortenUrls", v -> assertThat(v).isEqualTo("true")));
            case "sendAsMms" -> option("sendAsMms=true", wire(p -> "SendAsMms", v -> assertThat(v).isEqualTo("true")));
            case "maxPrice" -> option("maxPrice=0.05", wire(p -> "MaxPrice", v -> assertThat(v).isEqualTo("0.05")));
            case "maxResults" -> option("maxResults=10", accepted());
            case "pageSize" -> option("pageSize=10", accepted());
            default -> throw new AssertionError("no probe for option " + option + ": add one");
        };
    }

    private Probe headerProbe(String provider, String header) {
        boolean cpsms = provider.equals(CPSMS);
        boolean json = cpsms || provider.equals(SINCH);
        Instant inAnHour = Instant.now().plus(1, ChronoUnit.HOURS);
        if (RESULTS.contains(header)) {
            return header(header, header.equals(SmsConstants.MESSAGE_ID) ? "SM0123456789abcdef0123456789abcdef" : "1",
                    (p, sent, e) -> assertThat(sent).hasSize(1));
        }
        return switch (header) {
            case SmsConstants.TO -> header(header, TO, wire(p -> json ? "to" : "To", v -> assertThat(v).endsWith("4522334488")));
            case SmsConstants.FROM -> header(header, json ? "MyShop" : LAML_FROM,
                    wire(p -> json ? "from" : "From", v -> assertThat(v).isIn("MyShop", LAML_FROM)));
            case SmsConstants.SCHEDULED_AT -> new Probe(provider.equals("twilio") ? "messagingServiceSid="
                                                                                   + LAML_MESSAGING_SERVICE : "",
                    Map.of(header, inAnHour), "Hello", wire(p -> named(p, "timestamp", "SendAt", "send_at"),
                            v -> assertThat(v).isNotBlank()));
            case SmsConstants.REFERENCE -> header(header, "ref-1", wire(p -> named(p, "reference", null,
                    "client_reference"), v -> assertThat(v).isEqualTo("ref-1")));
            case SmsConstants.CALLBACK_URL -> header(header, "http://127.0.0.1:9/dlr",
                    wire(p -> named(p, "dlr_url", "StatusCallback", "callback_url"),
                            v -> assertThat(v).startsWith("http://127.0.0.1:9/dlr")));
            case SmsConstants.FLASH -> header(header, true, wire(p -> "flash", v -> assertThat(v).isEqualTo("1")));
            case SmsConstants.MEDIA_URL -> header(header, "https://example.com/a.png",
                    wire(p -> "MediaUrl", v -> assertThat(v).isEqualTo("https://example.com/a.png")));
            case SmsConstants.MESSAGING_SERVICE_SID -> header(header, LAML_MESSAGING_SERVICE,
                    wire(p -> "MessagingServiceSid", v -> assertThat(v).isEqualTo(LAML_MESSAGING_SERVICE)));
            case SmsConstants.VALIDITY_PERIOD -> header(header, 600, wire(p -> "ValidityPeriod", v -> assertThat(v).isEqualTo("600")));
            // read by other operations only
            case SmsConstants.GROUP_NAME, SmsConstants.CONTACT_NAME -> header(header, "name", null);
            case SmsConstants.PHONE_NUMBER -> header(header, "4522334488", null);
            case SmsConstants.LOG_FROM, SmsConstants.LOG_TO -> header(header, Instant.now(), null);
            case SmsConstants.DATE_SENT, SmsConstants.DATE_SENT_AFTER, SmsConstants.DATE_SENT_BEFORE ->
                header(header, "2026-01-01", null);
            default -> throw new AssertionError("no probe for header " + header + ": add one");
        };
    }

    /** A field's name on the wire of CPSMS, the LaML family or Sinch. */
    private static String named(String provider, String cpsms, String laml, String sinch) {
        return provider.equals(CPSMS) ? cpsms : provider.equals(SINCH) ? sinch : laml;
    }

    /** The request's field (CPSMS and Sinch JSON) or form parameter (LaML) that shows the input, checked. */
    private static Check wire(java.util.function.Function<String, String> field, Consumer<String> value) {
        return (provider, sent, exchange) -> {
            assertThat(sent).as("requests sent").isNotEmpty();
            RecordedRequest request = sent.get(0);
            String name = field.apply(provider);
            String actual;
            if (provider.equals(CPSMS) || provider.equals(SINCH)) {
                JsonNode node = request.json().get(name);
                actual = node == null ? null : node.isArray() ? node.get(0).asText() : node.asText();
            } else {
                actual = request.formValue(name);
            }
            assertThat(actual).as(name + " on the wire").isNotNull();
            value.accept(actual);
        };
    }

    private static Check accepted() {
        return (provider, sent, exchange) -> assertThat(sent).as("requests sent").isNotEmpty();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    private static JsonNode metadata() throws Exception {
        try (InputStream in = SmsComponent.class.getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
