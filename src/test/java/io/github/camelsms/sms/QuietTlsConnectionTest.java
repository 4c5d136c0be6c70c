package io.github.camelsms.sms;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's own (quiet) HTTP connections work over TLS too, and with every logger at TRACE the Basic header
 * stays out of the log there as well. The echoing and tunnelling attacks over https are in SecretsInEveryFormTest.
 */
@Timeout(60)
class QuietTlsConnectionTest extends SmsTestSupport {

    @TempDir
    Path dir;

    @Test
    void aTlsSendWorksAndLogsNoCredentials() throws Exception {
        TlsLoopback tls = TlsLoopback.create(dir);
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpsServer server = tls.start(exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        try (LogCapture log = new LogCapture(true)) {
            context.getRegistry().bind("tls", tls.clientParameters());
            // credentials on the component, as the README says: Camel core prints endpoint URIs at TRACE
            SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
            defaults.setUsername(USER);
            defaults.setApiKey(API_KEY);

            Exchange exchange = call("sms:cpsms/send?baseUrl=https://127.0.0.1:" + server.getAddress().getPort()
                                     + "&sslContextParameters=#tls",
                    "Hi", Map.of(SmsConstants.TO, "4522334488"));

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
            assertThat(authorizations).singleElement().satisfies(a -> assertThat(a).startsWith("Basic "));
            String basic = authorizations.get(0).substring(6);
            assertThat(log.everything()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(basic).doesNotContain(API_KEY));
        } finally {
            server.stop(0);
        }
    }
}
