package io.github.camelsms.sms;

import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers read the query from CamelHttpRawQuery or CamelHttpQuery, whichever the platform-http engine sets. The
 * Vert.x engine (camel-main, Quarkus) sets both and is covered over real HTTP by the other consumer tests; the Spring
 * Boot engine (camel-platform-http-starter, a servlet binding) sets only CamelHttpQuery, the servlet's undecoded query
 * string, and CamelHttpUrl without the query, and hands over a form POST's body raw, parsed, or as the servlet's
 * parameter map (query values included). Without a servlet container on the test classpath, this test hands the
 * consumer exchanges with exactly the headers that binding sets (a unit-boundary test; the Spring Boot application
 * test drives the real engine).
 */
class SmsConsumerQueryHeadersTest extends WebhookTestSupport {

    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:cpsms/deliveryReports?path=/sms/cpsms/dlr&webhookVerifyToken=RAW(" + WEBHOOK_VERIFY_TOKEN + ")")
                        .routeId("cpsms").to("mock:cpsms");
                from("sms:twilio/deliveryReports?path=/sms/twilio/status&authToken=RAW(" + AUTH_TOKEN + ")")
                        .routeId("twilio").to("mock:twilio");
            }
        };
    }

    @Test
    void aCpsmsGetReportWithOnlyCamelHttpQueryIsReadAndItsTokenChecked() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:cpsms");
        mock.expectedMessageCount(1);
        String query = "reference=order%2042&status=1&receiver=4522334488&webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN;

        Exchange good = servletExchange("GET", "/sms/cpsms/dlr", query, null, null);
        Exchange forged = servletExchange("GET", "/sms/cpsms/dlr", query.replace(WEBHOOK_VERIFY_TOKEN, "guess"), null,
                null);
        consumer("cpsms").handle(good);
        consumer("cpsms").handle(forged);

        assertThat(good.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(forged.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        mock.assertIsSatisfied();
        DeliveryReport report = mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertThat(report.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.getReference()).isEqualTo("order 42");
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(Exchange.HTTP_QUERY, String.class))
                .doesNotContain(WEBHOOK_VERIFY_TOKEN);
    }

    /** The body kinds the servlet binding hands over for a form POST. */
    enum FormBody {
        /** the raw form, as read from the request */
        RAW,
        /** populateBodyWithForm: the form parsed by URISupport.parseQuery */
        PARSED,
        /** the request was read before: the servlet's parameter map, query values first, then the form's */
        SERVLET_PARAMETER_MAP
    }

    @ParameterizedTest
    @EnumSource(FormBody.class)
    void aSignedLamlCallbackToAUrlWithAQueryIsCheckedOverTheQueryFromCamelHttpQuery(FormBody kind) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");
        mock.expectedMessageCount(1);
        Map<String, String> form = params("MessageSid", SID, "MessageStatus", "delivered", "AccountSid", ACCOUNT_SID,
                "x", "2", "To", "+4522334488", "Body", "50% off & more");
        String raw = "MessageSid=" + SID + "&MessageStatus=delivered&AccountSid=" + ACCOUNT_SID + "&x=2"
                     + "&To=%2B4522334488&Body=50%25+off+%26+more";
        Object body = switch (kind) {
            case RAW -> raw;
            case PARSED -> URISupport.parseQuery(raw); // as that binding leaves it: still URL-encoded
            case SERVLET_PARAMETER_MAP -> {
                Map<String, String[]> parameters = new LinkedHashMap<>();
                parameters.put("tenant", new String[] { "a/b" });
                parameters.put("x", new String[] { "1", "2" });
                parameters.put("MessageSid", new String[] { SID });
                parameters.put("MessageStatus", new String[] { "delivered" });
                parameters.put("AccountSid", new String[] { ACCOUNT_SID });
                parameters.put("To", new String[] { "+4522334488" });
                parameters.put("Body", new String[] { "50% off & more" });
                yield parameters;
            }
        };
        String signature = LamlSignature.sign(AUTH_TOKEN, local("/sms/twilio/status?tenant=a%2Fb&x=1"), form);

        Exchange signed = servletExchange("POST", "/sms/twilio/status", "tenant=a%2Fb&x=1", body, signature);
        Exchange withoutQuery = servletExchange("POST", "/sms/twilio/status", null, raw, signature);
        assertThat(new RequestValidator(AUTH_TOKEN).validate(local("/sms/twilio/status?tenant=a%2Fb&x=1"), form,
                signature)).isTrue();
        consumer("twilio").handle(signed);
        consumer("twilio").handle(withoutQuery);

        assertThat(signed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(withoutQuery.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        mock.assertIsSatisfied();
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SID);
        assertThat(mock.getExchanges().get(0).getMessage().getBody(DeliveryReport.class).getParameters())
                .containsEntry("To", "+4522334488").containsEntry("x", "2");
    }

    /** An exchange with the headers camel-http-common's DefaultHttpBinding sets (the Spring Boot engine's binding). */
    private Exchange servletExchange(String method, String path, String query, Object formBody, String signature) {
        Exchange exchange = new DefaultExchange(context);
        var in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, method);
        in.setHeader(Exchange.HTTP_URI, path);
        in.setHeader(Exchange.HTTP_URL, local(path));
        in.setHeader(Exchange.HTTP_PATH, "");
        if (query != null) {
            in.setHeader(Exchange.HTTP_QUERY, query);
            for (String pair : query.split("&")) {
                String[] nv = pair.split("=", 2);
                in.setHeader(nv[0], java.net.URLDecoder.decode(nv[1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (formBody != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            in.setBody(formBody);
        }
        if (signature != null) {
            in.setHeader("X-Twilio-Signature", signature);
        }
        in.setHeader("CamelHttpServletRequest", new Object()); // stands for the HttpServletRequest
        return exchange;
    }

    private SmsConsumer consumer(String routeId) {
        return (SmsConsumer) context.getRoute(routeId).getConsumer();
    }
}
