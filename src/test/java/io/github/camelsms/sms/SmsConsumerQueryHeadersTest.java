package io.github.camelsms.sms;

import java.util.Map;

import io.github.camelsms.sms.model.DeliveryReport;
import io.github.camelsms.sms.model.DeliveryStatus;
import io.github.camelsms.sms.simulator.LamlSignature;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers read the query from CamelHttpRawQuery or CamelHttpQuery, whichever the platform-http engine sets. The
 * Vert.x engine (camel-main, Quarkus) sets both and is covered over real HTTP by the other consumer tests; the Spring
 * Boot engine (camel-platform-http-starter, a servlet binding) sets only CamelHttpQuery, the servlet's undecoded query
 * string, and CamelHttpUrl without the query. Without a servlet container on the test classpath, this test hands the
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

    @Test
    void aSignedLamlCallbackToAUrlWithAQueryIsCheckedOverTheQueryFromCamelHttpQuery() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:twilio");
        mock.expectedMessageCount(1);
        Map<String, String> form = params("MessageSid", SID, "MessageStatus", "delivered", "AccountSid", ACCOUNT_SID);
        String form1 = "MessageSid=" + SID + "&MessageStatus=delivered&AccountSid=" + ACCOUNT_SID;
        String signature = LamlSignature.sign(AUTH_TOKEN, local("/sms/twilio/status?tenant=a%2Fb&x=1"), form);

        Exchange signed = servletExchange("POST", "/sms/twilio/status", "tenant=a%2Fb&x=1", form1, signature);
        Exchange withoutQuery = servletExchange("POST", "/sms/twilio/status", null, form1, signature);
        consumer("twilio").handle(signed);
        consumer("twilio").handle(withoutQuery);

        assertThat(signed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(withoutQuery.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        mock.assertIsSatisfied();
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(SmsConstants.MESSAGE_ID)).isEqualTo(SID);
    }

    /** An exchange with the headers camel-http-common's DefaultHttpBinding sets (the Spring Boot engine's binding). */
    private Exchange servletExchange(String method, String path, String query, String formBody, String signature) {
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
        return exchange;
    }

    private SmsConsumer consumer(String routeId) {
        return (SmsConsumer) context.getRoute(routeId).getConsumer();
    }
}
