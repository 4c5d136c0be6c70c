package io.github.camelsms.sms.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import io.github.camelsms.sms.LogCapture;
import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.spi.SmsHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each authentication scheme a provider can choose reaches the wire as the provider's documents describe it, and its
 * secret reaches no log line and no exception, also when the server echoes it back in every form it was sent in.
 */
class AuthenticationSchemesTest {

    private static final String SECRET = "s3cr3t/Key+with=Odd&Chars";
    private static final String FORM_SECRET = "s3cr3t%2FKey%2Bwith%3DOdd%26Chars";

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private SmsHttpClients clients;

    @AfterEach
    void close() throws Exception {
        if (clients != null) {
            clients.close();
        }
        timer.shutdownNow();
        server.close();
        context.close();
    }

    @Test
    void basic() throws Exception {
        String token = Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));
        LoopbackHttpServer.Request seen = send(SmsAuthentication.basic("user", SECRET), SmsHttpRequest.get("/x"));
        assertThat(header(seen, "Authorization")).isEqualTo("Basic " + token);
    }

    @Test
    void bearer() throws Exception {
        LoopbackHttpServer.Request seen = send(SmsAuthentication.bearer(SECRET), SmsHttpRequest.get("/x"));
        assertThat(header(seen, "Authorization")).isEqualTo("Bearer " + SECRET);
    }

    @Test
    void schemeWordSuchAsInfobipsApp() throws Exception {
        LoopbackHttpServer.Request seen = send(SmsAuthentication.scheme("App", SECRET), SmsHttpRequest.get("/x"));
        assertThat(header(seen, "Authorization")).isEqualTo("App " + SECRET);
    }

    @Test
    void aHeaderOfTheProvidersOwn() throws Exception {
        LoopbackHttpServer.Request seen = send(SmsAuthentication.header("X-API-Key", SECRET), SmsHttpRequest.get("/x"));
        assertThat(header(seen, "X-API-Key")).isEqualTo(SECRET);
        assertThat(header(seen, "Authorization")).isNull();
    }

    @Test
    void formParametersInAFormBody() throws Exception {
        LoopbackHttpServer.Request seen = send(SmsAuthentication.formParameters(credentials()),
                SmsHttpRequest.form("/sms/json", Map.of("to", "4522334488"), true));
        assertThat(seen.path()).isEqualTo("/sms/json");
        assertThat(seen.body()).isEqualTo("to=4522334488&api_key=key1&api_secret=" + FORM_SECRET);
    }

    /**
     * HttpClient logs every request line at DEBUG ("executing GET /path?query"), so credentials in a URL would reach
     * the log: a form scheme refuses a request without a form body before anything is sent.
     */
    @Test
    void formCredentialsAreNeverPutIntoAUrl() throws Exception {
        server.answering(r -> LoopbackHttpServer.Answer.json(200, "{}"));
        SmsAuthentication form = SmsAuthentication.formParameters(credentials());
        SmsHttpTransport transport = transport(form);
        CompletionException thrown = catchThrowableOfType(CompletionException.class,
                () -> transport.send(SmsHttpRequest.get("/account/get-balance"), "credit").join());
        assertThat(thrown.getCause()).isInstanceOf(SmsException.class)
                .hasMessageContaining("credentials are never put into a URL");
        assertThat(((SmsException) thrown.getCause()).isInDoubt()).isFalse();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aSignedSchemeSeesTheRequestItSigns() throws Exception {
        SmsAuthentication signed = new SmsAuthentication() {
            @Override
            public Map<String, String> headers(SmsHttpRequest request) {
                return Map.of("X-Signature", request.method() + " " + request.target() + " "
                                             + new String(request.body(), StandardCharsets.UTF_8).length() + " " + SECRET);
            }

            @Override
            public List<String> secretsOnTheWire() {
                return List.of();
            }
        };
        LoopbackHttpServer.Request seen = send(signed, SmsHttpRequest.json("POST", "/m", Map.of("a", 1), true));
        assertThat(header(seen, "X-Signature")).isEqualTo("POST /m 7 " + SECRET);
    }

    private static Map<String, String> credentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("api_key", "key1");
        credentials.put("api_secret", SECRET);
        return credentials;
    }

    /**
     * Sends the request with the scheme to a server that answers 500 echoing the head and body it received: the
     * exception and every log line (HttpClient's header and wire loggers included) hold no form of the secret.
     */
    private LoopbackHttpServer.Request send(SmsAuthentication authentication, SmsHttpRequest request) throws Exception {
        server.answering(r -> LoopbackHttpServer.Answer.json(500, "{\"echo\":\"" + r.head().replace("\r\n", " ")
                                                                  .replace("\"", "'") + " " + r.body() + "\"}"));
        SmsHttpTransport transport = transport(authentication);
        SmsException failure;
        List<String> logged;
        try (LogCapture log = new LogCapture(true)) {
            CompletionException thrown = catchThrowableOfType(CompletionException.class,
                    () -> transport.send(request, "send").join());
            failure = (SmsException) thrown.getCause();
            logged = log.everything();
        }
        Predicate<String> leaks = text -> text.contains(SECRET) || text.contains(FORM_SECRET)
                                          || text.contains(Base64.getEncoder().encodeToString(
                                                  ("user:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(failure.getStatusCode()).isEqualTo(500);
        assertThat(failure.getMessage() + " " + failure.getResponseBody()).matches(leaks.negate());
        assertThat(logged).noneMatch(leaks);
        assertThat(server.requests()).hasSize(1);
        return server.requests().get(0);
    }

    private SmsHttpTransport transport(SmsAuthentication authentication) {
        SmsConfiguration configuration = new SmsConfiguration();
        configuration.setProvider("cpsms");
        configuration.setApiKey(SECRET); // a secret option: the redactor knows it from the metadata
        SmsProvider provider = SmsProviders.find("cpsms");
        SmsRedactor redactor = SmsRedactor.of(configuration, provider, authentication);
        context.start();
        clients = new SmsHttpClients(context, 4, 4);
        clients.maskInAnswers(redactor);
        SmsHttpClients.ClientOptions options = new SmsHttpClients.ClientOptions(configuration.getConnectTimeout(), null,
                null, null, null, null, null);
        return new SmsHttpTransport(clients, clients.clientFor(options), timer, provider.name(), provider::toException,
                server.baseUrl(), authentication, 5000, SmsRetryPolicy.NONE, redactor, null);
    }

    private static String header(LoopbackHttpServer.Request request, String name) {
        for (String line : request.head().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
