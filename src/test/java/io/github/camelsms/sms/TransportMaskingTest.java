package io.github.camelsms.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.github.camelsms.sms.http.HttpAsyncClientConfigurer;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the secrets out of HttpClient's own logs rests on HTTP/1.1 and on the component's session decorator: a
 * server that offers HTTP/2 and a configurer that asks for it (or replaces the decorator) must not undo it, and the
 * masking of what is read must never break an answer's framing.
 */
@Timeout(60)
class TransportMaskingTest extends CamelTestSupport {

    private static final String USER = "tester";
    private static final String API_KEY = "k3y/Sup3r+S3cret=9&x";
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((USER + ":" + API_KEY).getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path keys;
    private static TlsLoopback tls;

    private final List<String> versions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createKeys() throws Exception {
        tls = TlsLoopback.create(keys);
    }

    @Override
    protected void doPostSetup() {
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setUsername(USER);
        defaults.setApiKey(API_KEY);
        context.getRegistry().bind("tls", tls.clientParameters());
        HttpAsyncClientConfigurer undo = builder -> builder
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
                .setIoSessionDecorator(session -> session);
        context.getRegistry().bind("undo", undo);
    }

    /** A server speaking HTTP/2 where the client offers it (ALPN over TLS, the preface over plain http). */
    private HttpAsyncServer echoingServer(boolean overTls) {
        H2ServerBootstrap bootstrap = H2ServerBootstrap.bootstrap()
                .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                .setCanonicalHostName("127.0.0.1")
                .register("*", new AsyncServerRequestHandler<Message<HttpRequest, String>>() {
                    @Override
                    public AsyncRequestConsumer<Message<HttpRequest, String>> prepare(
                            HttpRequest request, EntityDetails entityDetails, HttpContext context) {
                        return new BasicRequestConsumer<>(entityDetails != null ? new StringAsyncEntityConsumer() : null);
                    }

                    @Override
                    public void handle(Message<HttpRequest, String> message, ResponseTrigger trigger,
                                       HttpContext context) throws org.apache.hc.core5.http.HttpException, IOException {
                        versions.add(String.valueOf(context.getProtocolVersion()));
                        String auth = message.getHead().getFirstHeader("Authorization").getValue();
                        trigger.submitResponse(AsyncResponseBuilder.create(401).addHeader("X-Echo", auth)
                                .addHeader("X-Raw-Key", API_KEY)
                                .setEntity("{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}",
                                        ContentType.APPLICATION_JSON)
                                .build(), context);
                    }
                });
        if (overTls) {
            bootstrap.setTlsStrategy(new H2ServerTlsStrategy(tls.serverContext()));
        }
        HttpAsyncServer server = bootstrap.create();
        server.start();
        return server;
    }

    private void sendCreditAndAssertHttp11AndQuietLog(boolean overTls, String options) throws Exception {
        HttpAsyncServer server = echoingServer(overTls);
        try (LogCapture log = new LogCapture(true)) {
            ListenerEndpoint endpoint = server.listen(new InetSocketAddress("127.0.0.1", 0),
                    overTls ? URIScheme.HTTPS : URIScheme.HTTP).get();
            int port = ((InetSocketAddress) endpoint.getAddress()).getPort();
            Exchange exchange = template.send("sms:cpsms/credit?baseUrl=" + (overTls ? "https" : "http")
                                              + "://127.0.0.1:" + port + options, e -> { });

            assertThat(exchange.getException()).isInstanceOf(SmsAuthenticationException.class);
            assertThat(((SmsException) exchange.getException()).getStatusCode()).isEqualTo(401);
            assertThat(versions).as("what the server spoke").containsExactly("HTTP/1.1");
            assertThat(log.texts("org.apache.hc.client5.http.headers"))
                    .anySatisfy(line -> assertThat(line).endsWith("Authorization: ****"))
                    .anySatisfy(line -> assertThat(line).containsIgnoringCase("X-Echo: Basic ****"));
            assertThat(log.everything()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(BASIC).doesNotContain(API_KEY));
        } finally {
            server.close(CloseMode.IMMEDIATE);
        }
    }

    @Test
    void aServerOfferingHttp2OverTlsIsSpokenToInHttp11() throws Exception {
        sendCreditAndAssertHttp11AndQuietLog(true, "&sslContextParameters=#tls");
    }

    @Test
    void aConfigurerAskingForHttp2AndReplacingTheSessionDecoratorCannotUndoTheMasking() throws Exception {
        sendCreditAndAssertHttp11AndQuietLog(false, "&httpAsyncClientConfigurer=#undo");
    }

    @Test
    void aShortSecretThatLooksLikeAContentLengthDoesNotBreakTheAnswer() throws Exception {
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setWebhookVerifyToken("2048");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            StringBuilder body = new StringBuilder("{\"success\":[{\"to\":\"4522334488\",\"cost\":1}]}");
            while (body.length() < 2048) {
                body.append(' ');
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Exchange exchange = template.send("sms:cpsms/send?baseUrl=http://127.0.0.1:"
                                              + server.getAddress().getPort(), e -> {
                e.getMessage().setBody("Hi");
                e.getMessage().setHeaders(Map.of(SmsConstants.TO, "4522334488"));
            });
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }
}
