package io.github.camelsms.sms;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelsms.sms.model.DeliveryReport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Consumer endpoints: which operations go where, the options checked when the route starts, and secrets.
 */
class SmsConsumerEndpointTest extends WebhookTestSupport {

    @Test
    void aProducerOperationInFromFailsAndNamesTheConsumerOperations() {
        assertThatThrownBy(() -> addRoute(cpsms("send"), "mock:a"))
                .hasStackTraceContaining("sms:cpsms/send sends: use it in to(...), not from(...)")
                .hasStackTraceContaining("Operations to receive with: deliveryReports");
    }

    /** Nothing silently ignored: a consumer sends nothing, so an option only producers read is refused. */
    @Test
    void aProducerOnlyOptionOnAConsumerIsRefused() {
        assertThatThrownBy(() -> addRoute("sms:cpsms/deliveryReports?path=/sms/dlr&flash=true", "mock:a"))
                .hasRootCauseInstanceOf(SmsValidationException.class)
                .rootCause().hasMessageContaining("option 'flash' is read by producers only");
        assertThatThrownBy(() -> addRoute("sms:twilio/inbound?path=/sms/in&maxSegments=2", "mock:b"))
                .hasRootCauseInstanceOf(SmsValidationException.class)
                .rootCause().hasMessageContaining("option 'maxSegments' is read by producers only");
    }

    @Test
    void aConsumerOperationInToFailsAndNamesTheSendingOperations() {
        assertThatThrownBy(() -> addRoute("direct:a", "sms:twilio/inbound?path=/x"))
                .hasStackTraceContaining("sms:twilio/inbound receives webhooks: use it in from(...), not to(...)")
                .hasStackTraceContaining("send, getMessage, listMessages, deleteMessage");
    }

    @Test
    void anUnknownOperationListsBothKinds() {
        assertThatThrownBy(() -> addRoute("sms:mycpaas/inbund?path=/x", "mock:a"))
                .hasStackTraceContaining("The mycpaas provider has no operation 'inbund'")
                .hasStackTraceContaining("consumer operations (in from): deliveryReports, inbound");
        assertThatThrownBy(() -> addRoute("sms:cpsms/inbound?path=/x", "mock:a"))
                .hasStackTraceContaining("The cpsms provider has no operation 'inbound'");
    }

    @Test
    void optionsAreCheckedWhenTheRouteStarts() {
        assertThat(invalidField("sms:cpsms/deliveryReports")).isEqualTo("path");
        assertThat(invalidField("sms:cpsms/deliveryReports?path=/d&validateSignature=true"))
                .isEqualTo("validateSignature");
        assertThat(invalidField("sms:twilio/deliveryReports?path=/d")).isEqualTo("authToken");
        assertThat(invalidField("sms:signalwire/inbound?path=/d&secretKey=k&publicBaseUrl=example.com"))
                .isEqualTo("publicBaseUrl");
    }

    @Test
    void aMycpaasConsumerChecksSignaturesWhenAsked() throws Exception {
        addRoute("sms:mycpaas/deliveryReports?path=/m&validateSignature=true&authToken=RAW(" + AUTH_TOKEN + ")",
                "mock:m");
        MockEndpoint mock = getMockEndpoint("mock:m");
        mock.expectedMessageCount(1);

        HttpResponse<String> unsigned = post(local("/m"), params("MessageSid", sid(1), "MessageStatus", "sent"),
                java.util.Map.of());
        HttpResponse<String> signed = postSigned(local("/m"), params("MessageSid", sid(1), "MessageStatus", "sent"),
                AUTH_TOKEN);

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).isEqualTo(200);
        mock.assertIsSatisfied();
    }

    @Test
    void secretsNeverReachEndpointUrisLogsOrTheRoute() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        List<String> texts = new ArrayList<>();
        MockEndpoint mock = getMockEndpoint("mock:secret");
        try {
            addRoute("sms:twilio/deliveryReports?path=/s&authToken=RAW(" + AUTH_TOKEN + ")&webhookVerifyToken=RAW("
                     + WEBHOOK_VERIFY_TOKEN + ")", "mock:secret");
            mock.expectedMessageCount(1);
            String url = local("/s?webhookVerifyToken=" + WEBHOOK_VERIFY_TOKEN);
            assertThat(postSigned(url, params("MessageSid", sid(9), "MessageStatus", "delivered"), AUTH_TOKEN)
                    .statusCode()).isEqualTo(200);
            assertThat(postSigned(url, params("MessageSid", sid(9), "MessageStatus", "failed"), "wrong")
                    .statusCode()).isEqualTo(403);
            assertThat(postSigned(local("/s?webhookVerifyToken=wrong"),
                    params("MessageSid", sid(9), "MessageStatus", "failed"), AUTH_TOKEN).statusCode()).isEqualTo(403);
            mock.assertIsSatisfied();
        } finally {
            root.detachAppender(appender);
            root.setLevel(previous);
        }
        SmsEndpoint endpoint = context.getEndpoints().stream().filter(SmsEndpoint.class::isInstance)
                .map(SmsEndpoint.class::cast).findFirst().orElseThrow();
        texts.add(endpoint.toString());
        texts.add(URISupport.sanitizeUri(endpoint.getEndpointUri()));
        texts.add(endpoint.getConfiguration().toString());
        appender.list.forEach(event -> texts.add(event.getFormattedMessage()));
        var message = mock.getExchanges().get(0).getMessage();
        texts.add(String.valueOf(message.getHeaders()));
        texts.add(String.valueOf(message.getBody(DeliveryReport.class).getParameters()));
        assertThat(message.getHeader(org.apache.camel.Exchange.HTTP_URI)).isEqualTo("/s");

        assertThat(appender.list).anyMatch(e -> e.getFormattedMessage().contains("Rejected a twilio"));
        assertThat(texts).noneMatch(t -> t != null && (t.contains(AUTH_TOKEN) || t.contains(WEBHOOK_VERIFY_TOKEN)));
    }

    private String invalidField(String uri) {
        Throwable thrown = catchThrowable(() -> addRoute(uri, "mock:a"));
        SmsValidationException e = ObjectHelper.getException(SmsValidationException.class, thrown);
        assertThat(e).as("SmsValidationException for %s", uri).isNotNull();
        return e.getField();
    }

    private void addRoute(String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }
}
