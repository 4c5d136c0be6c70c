package io.github.camelsms.sms;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Item 5: secrets never printed, and Basic credentials never sent over plain http to another machine.
 */
@Timeout(30)
class SecretsAndTransportSecurityTest extends SmsTestSupport {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "laml-T0ken-must-not-leak";
    private static final String PROXY_PASSWORD = "Pr0xyPassw0rd-never-shown";

    SecretsAndTransportSecurityTest() {
        sim.laml().addAccount(SID, TOKEN);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void everySecretOptionIsMarkedSecretAndKnownToCamelsMasking() throws Exception {
        JsonNode model = new ObjectMapper().readTree(
                getClass().getResourceAsStream("/META-INF/io/github/camelsms/sms/sms.json"));
        List<String> secretOptions = new ArrayList<>();
        model.get("properties").fields().forEachRemaining(option -> {
            if (option.getValue().path("secret").asBoolean()) {
                secretOptions.add(option.getKey());
            }
        });
        assertThat(secretOptions).contains("apiKey", "authToken", "proxyAuthPassword");
        for (String option : secretOptions) {
            assertThat(SensitiveUtils.containsSensitive(option)).as(option).isTrue();
        }
    }

    @Test
    void endpointUrisPrintedByCamelMaskEverySecret() {
        String uri = cpsms("send", "proxyHost=127.0.0.1", "proxyPort=" + sim.port(), "proxyAuthUsername=proxyuser",
                "proxyAuthPassword=RAW(" + PROXY_PASSWORD + ")");
        String laml = "sms:twilio/send?baseUrl=" + sim.baseUrl() + "&accountSid=" + SID + "&authToken=RAW(" + TOKEN
                      + ")&from=RAW(+4570200000)";
        for (String u : List.of(uri, laml)) {
            Endpoint endpoint = context.getEndpoint(u);
            List<String> printed = List.of(endpoint.toString(), URISupport.sanitizeUri(endpoint.getEndpointUri()),
                    URISupport.sanitizeUri(u), ((SmsEndpoint) endpoint).getConfiguration().toString());
            for (String text : printed) {
                assertThat(text).doesNotContain(API_KEY).doesNotContain(TOKEN).doesNotContain(PROXY_PASSWORD);
            }
        }
        assertThat(context.getEndpoint(uri).getEndpointUri()).contains(PROXY_PASSWORD); // it is there to be masked
    }

    @Test
    void aProviderThatEchoesTheSecretDoesNotLeakItIntoTheException() {
        sim.inject(Fault.status(401, "{\"error\":{\"code\":401,\"message\":\"bad key " + API_KEY + "\"}}"));
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"crashed on " + API_KEY + "\"}}"));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));
            SmsException e = (SmsException) exchange.getException();
            assertThat(e).isNotNull();
            texts.add(e.getMessage());
            texts.add(e.toString());
            texts.add(e.getResponseBody());
            texts.add(e.getFailure().toString());
        }
        String basic = Base64.getEncoder().encodeToString((USER + ":" + API_KEY).getBytes());
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(API_KEY).doesNotContain(basic));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("****"));
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeAnyRequest() {
        for (String base : List.of("http://api.cpsms.dk/v2", "http://10.0.0.1:8080", "HTTP://sms.example.com")) {
            Throwable thrown = catchThrowable(() -> context.getEndpoint(
                    "sms:cpsms/send?baseUrl=" + base + "&username=" + USER + "&apiKey=RAW(" + API_KEY + ")").start());
            assertThat(rootCause(thrown)).isInstanceOf(SmsValidationException.class);
            SmsValidationException e = (SmsValidationException) rootCause(thrown);
            assertThat(e.getField()).isEqualTo("baseUrl");
            assertThat(e.getMessage()).contains("allowInsecureHttp").doesNotContain(API_KEY);
        }
        Throwable laml = catchThrowable(() -> context.getEndpoint("sms:mycpaas/send?baseUrl=http://laml.example.com"
                                                                  + "&accountSid=" + SID + "&authToken=RAW(" + TOKEN
                                                                  + ")").start());
        assertThat(rootCause(laml)).isInstanceOf(SmsValidationException.class);
    }

    @Test
    void allowInsecureHttpLetsTheEndpointStart() throws Exception {
        Endpoint endpoint = context.getEndpoint("sms:cpsms/send?baseUrl=http://sms.example.com&username=" + USER
                                                + "&apiKey=RAW(" + API_KEY + ")&allowInsecureHttp=true");
        endpoint.start();
        assertThat(((SmsEndpoint) endpoint).getTransport()).isNotNull();
        endpoint.stop();
    }

    @Test
    void loopbackHostsMayUsePlainHttp() {
        for (String host : List.of("127.0.0.1", "localhost", "[::1]", "127.0.0.2")) {
            Endpoint endpoint = context.getEndpoint("sms:cpsms/credit?baseUrl=http://" + host + ":" + sim.port()
                                                    + "&username=" + USER + "&apiKey=RAW(" + API_KEY + ")");
            endpoint.start();
            assertThat(((SmsEndpoint) endpoint).getTransport()).as(host).isNotNull();
        }
        Exchange exchange = call(cpsms("credit"), null, Map.of());
        assertThat(exchange.getException()).isNull();
    }
}
