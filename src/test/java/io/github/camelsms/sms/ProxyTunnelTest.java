package io.github.camelsms.sms;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * https through a forward proxy (a CONNECT tunnel): a send goes through, and a proxy that refuses the tunnel is
 * reported as the proxy's refusal, with nothing sent to the provider, not as the provider's own 403 or 407.
 */
@Timeout(60)
class ProxyTunnelTest extends SmsTestSupport {

    private static final String PROXY_USER = "proxyuser";
    private static final String PROXY_PASSWORD = "Pr0xy-Passw0rd";

    @TempDir
    static Path keys;
    private static TlsLoopback tls;

    private HttpsServer provider;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createKeys() throws Exception {
        tls = TlsLoopback.create(keys);
    }

    @BeforeEach
    void startProvider() throws Exception {
        provider = tls.start(exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        context.getRegistry().bind("tls", tls.clientParameters());
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setUsername(USER);
        defaults.setApiKey(API_KEY);
        defaults.setProxyAuthPassword(PROXY_PASSWORD);
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private String sendThrough(TlsLoopback.ConnectProxy proxy) {
        return "sms:cpsms/send?baseUrl=https://127.0.0.1:" + provider.getAddress().getPort()
               + "&sslContextParameters=#tls&proxyHost=127.0.0.1&proxyPort=" + proxy.port()
               + "&proxyAuthUsername=" + PROXY_USER;
    }

    private static String proxyBasic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSendGoesThroughAnAuthenticatingTunnel() throws Exception {
        try (TlsLoopback.ConnectProxy proxy = new TlsLoopback.ConnectProxy(proxyBasic(), 0)) {
            Exchange exchange = call(sendThrough(proxy), "Hi", Map.of(SmsConstants.TO, "4522334488"));

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
            assertThat(received).containsExactly("POST /send");
            assertThat(proxy.proxyAuthorizations()).containsExactly(proxyBasic());
        }
    }

    @Test
    void aTunnelTheProxyRefusesIsTheProxysRefusalAndNothingReachedTheProvider() throws Exception {
        try (TlsLoopback.ConnectProxy proxy = new TlsLoopback.ConnectProxy(proxyBasic(), 403)) {
            SmsTransportException e = failure(SmsTransportException.class, sendThrough(proxy), "Hi",
                    Map.of(SmsConstants.TO, "4522334488"));

            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.isInDoubt()).isFalse();
            assertThat(e.getMessage()).contains("proxy 127.0.0.1:" + proxy.port()).contains("refused")
                    .contains("Nothing was sent");
            assertThat(e.getResponseBody()).startsWith("No tunnel to 127.0.0.1:");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aProxyThatRejectsTheCredentialsIsReportedAsSuch() throws Exception {
        try (TlsLoopback.ConnectProxy proxy = new TlsLoopback.ConnectProxy("Basic bm90OnRoZXNl", 0)) {
            SmsTransportException e = failure(SmsTransportException.class, sendThrough(proxy), "Hi",
                    Map.of(SmsConstants.TO, "4522334488"));

            assertThat(e.getStatusCode()).isEqualTo(407);
            assertThat(e.isInDoubt()).isFalse();
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("proxy").contains("proxyAuthUsername").doesNotContain(PROXY_PASSWORD);
            assertThat(received).isEmpty();
        }
    }
}
