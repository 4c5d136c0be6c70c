package io.github.camelsms.sms.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsms.sms.SmsConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One Camel context with the sms endpoints and, for comparison, the routes a user would write without camel-sms:
 * set the Authorization header, build the body, marshal it and post it with camel-http, then read the JSON answer.
 */
final class BenchmarkFixture implements AutoCloseable {

    static final String USER = "bench";
    static final String API_KEY = "bench-api-key-0123456789";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
    static final String TEXT = "Hello from the benchmark";
    static final String CPSMS_TO = "+4522334488";
    static final String CPSMS_FROM = "CamelSms";
    static final String LAML_TO = "+4522334488";
    static final String LAML_FROM = "+4570200000";

    final CamelContext context;
    final ProducerTemplate template;
    final Endpoint smsCpsms;
    final Endpoint smsMycpaas;
    final Endpoint cpsmsByHand;
    final Endpoint lamlByHand;
    final Endpoint camelOnly;

    BenchmarkFixture(String baseUrl) throws Exception {
        this(baseUrl, baseUrl);
    }

    /** @param baseUrl where sms: endpoints go; {@code handWrittenBaseUrl} where the camel-http routes go */
    BenchmarkFixture(String baseUrl, String handWrittenBaseUrl) throws Exception {
        this(baseUrl, handWrittenBaseUrl, c -> {
        });
    }

    /** @param configure sets component options before the context starts */
    BenchmarkFixture(String baseUrl, java.util.function.Consumer<CamelContext> configure) throws Exception {
        this(baseUrl, baseUrl, configure);
    }

    BenchmarkFixture(String baseUrl, String handWrittenBaseUrl, java.util.function.Consumer<CamelContext> configure)
            throws Exception {
        context = new DefaultCamelContext();
        configure.accept(context);
        String cpsmsAuth = basic(USER, API_KEY);
        String lamlAuth = basic(ACCOUNT_SID, AUTH_TOKEN);
        String httpBase = handWrittenBaseUrl;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cpsmsByHand")
                        .setHeader("Authorization", constant(cpsmsAuth))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .process(e -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("to", e.getMessage().getHeader("to", String.class).substring(1));
                            body.put("message", e.getMessage().getBody(String.class));
                            body.put("from", CPSMS_FROM);
                            e.getMessage().setBody(body);
                        })
                        .marshal().json()
                        .to(httpBase + "/send")
                        .unmarshal().json();
                from("direct:lamlByHand")
                        .setHeader("Authorization", constant(lamlAuth))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/x-www-form-urlencoded"))
                        .process(e -> e.getMessage().setBody(
                                "To=" + form(e.getMessage().getHeader("to", String.class))
                                + "&From=" + form(LAML_FROM)
                                + "&Body=" + form(e.getMessage().getBody(String.class))))
                        .to(httpBase + "/Accounts/" + ACCOUNT_SID + "/Messages.json")
                        .unmarshal().json();
                // Camel's own share: the template, an exchange and a one-step route, no HTTP
                from("direct:camelOnly").process(e -> e.getMessage().setBody("ok"));
            }
        });
        context.start();
        template = context.createProducerTemplate();
        smsCpsms = context.getEndpoint("sms:cpsms/send?baseUrl=" + baseUrl + "&username=" + USER
                                       + "&apiKey=RAW(" + API_KEY + ")&from=" + CPSMS_FROM);
        smsMycpaas = context.getEndpoint("sms:mycpaas/send?baseUrl=" + baseUrl + "&accountSid=" + ACCOUNT_SID
                                         + "&authToken=RAW(" + AUTH_TOKEN + ")&from=RAW(" + LAML_FROM + ")");
        cpsmsByHand = context.getEndpoint("direct:cpsmsByHand");
        lamlByHand = context.getEndpoint("direct:lamlByHand");
        camelOnly = context.getEndpoint("direct:camelOnly");
    }

    Object sendSmsCpsms() {
        return template.requestBodyAndHeader(smsCpsms, TEXT, SmsConstants.TO, CPSMS_TO);
    }

    Object sendSmsMycpaas() {
        return template.requestBodyAndHeader(smsMycpaas, TEXT, SmsConstants.TO, LAML_TO);
    }

    Object sendCpsmsByHand() {
        return template.requestBodyAndHeader(cpsmsByHand, TEXT, "to", CPSMS_TO);
    }

    Object sendLamlByHand() {
        return template.requestBodyAndHeader(lamlByHand, TEXT, "to", LAML_TO);
    }

    Object sendCamelOnly() {
        return template.requestBodyAndHeader(camelOnly, TEXT, "to", CPSMS_TO);
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        template.close();
        context.close();
    }
}
