package io.github.camelsms.sms;

import java.io.File;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's own (non-logging) HTTP connections work over TLS too, and with every logger at TRACE the Basic
 * header stays out of the log there as well.
 */
@Timeout(60)
class QuietTlsConnectionTest extends SmsTestSupport {

    @TempDir
    Path dir;

    @Test
    void aTlsSendWorksAndLogsNoCredentials() throws Exception {
        File keystore = dir.resolve("server.p12").toFile();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.getPath(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        List<String> authorizations = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (LogCapture log = new LogCapture(true)) {
            KeyStoreParameters trust = new KeyStoreParameters();
            trust.setResource("file:" + keystore.getPath());
            trust.setPassword("changeit");
            trust.setType("PKCS12");
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(trust);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trustManagers);
            context.getRegistry().bind("tls", tls);
            // credentials on the component, as the README says: Camel core prints endpoint URIs at TRACE
            SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
            defaults.setUsername(USER);
            defaults.setApiKey(API_KEY);

            Exchange exchange = call("sms:cpsms/send?baseUrl=https://127.0.0.1:" + server.getAddress().getPort()
                                     + "&sslContextParameters=#tls",
                    "Hi", Map.of(SmsConstants.TO, "4522334488"));

            assertThat(exchange.getException()).isNull();
            assertThat(authorizations).singleElement().satisfies(a -> assertThat(a).startsWith("Basic "));
            String basic = authorizations.get(0).substring(6);
            assertThat(log.everything()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(basic).doesNotContain(API_KEY));
        } finally {
            server.stop(0);
            Files.deleteIfExists(keystore.toPath());
        }
    }
}
