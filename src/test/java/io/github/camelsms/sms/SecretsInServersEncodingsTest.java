package io.github.camelsms.sms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.camelsms.sms.http.SmsRedactor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 4: secrets echoed in the encodings real servers use, alone and layered: JSON {@code \\uXXXX} escapes
 * (Go's {@code \\u0026}, every character, either hex case), HTML entities (named, decimal, hex), percent-encoding
 * ({@code encodeURI}, Python's {@code quote}, form encoding, either hex case, ISO-8859-1 bytes, twice), in ISO-8859-1
 * response headers and in bodies in UTF-8, ISO-8859-1 and UTF-16 (both byte orders, with and without BOM) under a
 * Content-Type that may lie about the charset. Nothing of any secret may be readable in what an application sees of
 * the failure nor in any log line at TRACE, HttpClient's header and wire loggers included.
 */
@Timeout(120)
class SecretsInServersEncodingsTest extends CamelTestSupport {

    private static final String USER = "tester";
    private static final String API_KEY = "kæy/Sup3r+S3cret=9&ø";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "tøken/LaML+s3cret=7&å";
    private static final String PROJECT = "ea108133-d6b3-407c-9536-9fad8a929a6a";
    private static final String SECRET_KEY = "PSK_sïgning/K3y+w=5&Ä";
    private static final String PROXY_USER = "proxyuser";
    private static final String PROXY_PASSWORD = "Pr0xy/Påss+w0rd=1&é";
    private static final List<String> SECRETS = List.of(API_KEY, TOKEN, SECRET_KEY, PROXY_PASSWORD);

    /** An encoding a server applies, named for the diagnostics. */
    record Encoding(String name, UnaryOperator<String> encode) {
    }

    /** A secret as the server wrote it, with every intermediate form of its layers. */
    record Form(String name, List<String> layers) {
        String echoed() {
            return layers.get(layers.size() - 1);
        }
    }

    private static final Map<Character, String> ENTITY_NAMES = Map.of('/', "sol", '+', "plus", '=', "equals",
            '&', "amp", 'æ', "aelig", 'ø', "oslash", 'å', "aring", 'ï', "iuml", 'Ä', "Auml", 'é', "eacute");

    private static final Encoding GO_JSON = new Encoding("go-json", s -> escapeJson(s, "<>&", false));
    private static final Encoding JSON_ALL = new Encoding("json-\\u002f", s -> escapeJson(s, null, false));
    private static final Encoding JSON_ALL_UPPER = new Encoding("json-\\u002F", s -> escapeJson(s, null, true));
    private static final Encoding JSON_SLASH = new Encoding("json-\\/",
            s -> new String(JsonStringEncoder.getInstance().quoteAsString(s)).replace("/", "\\/"));
    private static final Encoding HTML_MINIMAL = new Encoding("html-&amp;",
            s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    private static final Encoding HTML_NAMED = new Encoding("html-named", SecretsInServersEncodingsTest::htmlNamed);
    private static final Encoding HTML_DECIMAL = new Encoding("html-&#47;", s -> htmlNumeric(s, "&#%d;"));
    private static final Encoding HTML_HEX = new Encoding("html-&#x2F;", s -> htmlNumeric(s, "&#x%X;"));
    private static final Encoding HTML_HEX_LOWER = new Encoding("html-&#x2f;", s -> htmlNumeric(s, "&#x%x;"));
    private static final Encoding ENCODE_URI = new Encoding("encodeURI",
            s -> percent(s, "-_.!~*'();/?:@&=+$,#", StandardCharsets.UTF_8, false));
    private static final Encoding PY_QUOTE = new Encoding("quote", s -> percent(s, "-_.~/", StandardCharsets.UTF_8, false));
    private static final Encoding PY_QUOTE_LOWER = new Encoding("quote-lower",
            s -> percent(s, "-_.~/", StandardCharsets.UTF_8, true));
    private static final Encoding FORM = new Encoding("form", s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
    private static final Encoding PERCENT_LATIN1 = new Encoding("percent-latin1",
            s -> percent(s, "-_.~", StandardCharsets.ISO_8859_1, false));
    private static final Encoding PERCENT_EVERY = new Encoding("percent-every", s -> percent(s, null,
            StandardCharsets.UTF_8, false));

    private static final List<List<Encoding>> CHAINS = List.of(
            List.of(), List.of(GO_JSON), List.of(JSON_ALL), List.of(JSON_ALL_UPPER), List.of(JSON_SLASH),
            List.of(HTML_MINIMAL), List.of(HTML_NAMED), List.of(HTML_DECIMAL), List.of(HTML_HEX), List.of(HTML_HEX_LOWER),
            List.of(ENCODE_URI), List.of(PY_QUOTE), List.of(PY_QUOTE_LOWER), List.of(FORM), List.of(PERCENT_LATIN1),
            List.of(PERCENT_EVERY),
            List.of(ENCODE_URI, GO_JSON), List.of(JSON_ALL, PY_QUOTE), List.of(PY_QUOTE, JSON_ALL),
            List.of(GO_JSON, ENCODE_URI), List.of(FORM, HTML_DECIMAL), List.of(JSON_ALL, HTML_NAMED),
            List.of(HTML_NAMED, PY_QUOTE_LOWER), List.of(FORM, FORM), List.of(JSON_SLASH, HTML_HEX),
            List.of(HTML_MINIMAL, JSON_ALL_UPPER));

    private static final List<Form> FORMS = forms();

    private static List<Form> forms() {
        List<Form> forms = new ArrayList<>();
        for (String secret : SECRETS) {
            for (List<Encoding> chain : CHAINS) {
                List<String> layers = new ArrayList<>(List.of(secret));
                StringBuilder name = new StringBuilder("raw");
                for (Encoding encoding : chain) {
                    layers.add(encoding.encode().apply(layers.get(layers.size() - 1)));
                    name.append('>').append(encoding.name());
                }
                forms.add(new Form(name.toString(), List.copyOf(layers)));
            }
        }
        return forms;
    }

    private static String escapeJson(String s, String only, boolean upper) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            boolean escape = only == null ? !Character.isLetterOrDigit(c) || c > 127 : only.indexOf(c) >= 0;
            sb.append(escape ? String.format(upper ? "\\u%04X" : "\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String htmlNamed(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            String name = c == '\\' ? "bsol" : ENTITY_NAMES.get(c);
            sb.append(name == null ? String.valueOf(c) : "&" + name + ";");
        }
        return sb.toString();
    }

    private static String htmlNumeric(String s, String format) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 ? String.valueOf(c) : String.format(format, (int) c));
        }
        return sb.toString();
    }

    /** Percent-encodes every character but ASCII letters, digits and {@code keep} (null: letters and digits too). */
    private static String percent(String s, String keep, Charset charset, boolean lower) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (keep != null && c < 128 && (Character.isLetterOrDigit(c) || keep.indexOf(c) >= 0)) {
                sb.append(c);
                continue;
            }
            for (byte b : String.valueOf(c).getBytes(charset)) {
                String hex = String.format("%%%02X", b & 0xff);
                sb.append(lower ? hex.toLowerCase(Locale.ROOT) : hex);
            }
        }
        return sb.toString();
    }

    /** A body charset, how it is written and what the answer's Content-Type claims. */
    record BodyCharset(String name, Charset charset, byte[] bom, String contentType) {
        byte[] encode(String text) {
            byte[] bytes = text.getBytes(charset);
            byte[] all = new byte[bom.length + bytes.length];
            System.arraycopy(bom, 0, all, 0, bom.length);
            System.arraycopy(bytes, 0, all, bom.length, bytes.length);
            return all;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final byte[] NO_BOM = new byte[0];

    static Stream<Arguments> bodyCharsets() {
        return Stream.of(
                new BodyCharset("UTF-8", StandardCharsets.UTF_8, NO_BOM, "application/json; charset=utf-8"),
                new BodyCharset("UTF-8 said to be ISO-8859-1", StandardCharsets.UTF_8, NO_BOM,
                        "application/json; charset=iso-8859-1"),
                new BodyCharset("ISO-8859-1", StandardCharsets.ISO_8859_1, NO_BOM, "text/plain; charset=iso-8859-1"),
                new BodyCharset("ISO-8859-1 said to be UTF-8", StandardCharsets.ISO_8859_1, NO_BOM, "application/json"),
                new BodyCharset("UTF-16LE said to be UTF-8", StandardCharsets.UTF_16LE, NO_BOM,
                        "application/json; charset=utf-8"),
                new BodyCharset("UTF-16LE with BOM", StandardCharsets.UTF_16LE, new byte[] { (byte) 0xFF, (byte) 0xFE },
                        "application/json; charset=utf-16le"),
                new BodyCharset("UTF-16BE", StandardCharsets.UTF_16BE, NO_BOM, "text/plain; charset=utf-16be"),
                new BodyCharset("UTF-16BE with BOM said to be ISO-8859-1", StandardCharsets.UTF_16BE,
                        new byte[] { (byte) 0xFE, (byte) 0xFF }, "application/json; charset=iso-8859-1"))
                .map(Arguments::of);
    }

    private RawServer server;
    private volatile BodyCharset bodyCharset;

    @BeforeEach
    void startServer() throws IOException {
        server = new RawServer(this::answer);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Override
    protected void doPostSetup() throws Exception {
        SmsConfiguration defaults = context.getComponent("sms", SmsComponent.class).getConfiguration();
        defaults.setUsername(USER);
        defaults.setApiKey(API_KEY);
        defaults.setAuthToken(TOKEN);
        defaults.setSecretKey(SECRET_KEY);
        defaults.setProxyAuthPassword(PROXY_PASSWORD);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sms").toD("${header.smsUri}");
            }
        });
    }

    /**
     * The echoing server: the secret it can read from the request's Authorization or Proxy-Authorization, and the
     * others it knows (as a provider knows its keys), in every form, in ISO-8859-1 headers and in the body.
     */
    private byte[] answer(String head) {
        String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        String proxyAuthorization = header(head, "Proxy-Authorization");
        boolean toProxy = path.startsWith("http://");
        if (toProxy && proxyAuthorization == null) {
            return ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        String authorization = toProxy ? proxyAuthorization : header(head, "Authorization");
        String sent = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                StandardCharsets.UTF_8);
        String echoedSecret = sent.substring(sent.indexOf(':') + 1);
        assertThat(SECRETS).contains(echoedSecret);
        int status = toProxy ? 407 : path.contains("/api/laml/") ? 500 : path.contains("/Accounts/") ? 400 : 401;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder headers = new StringBuilder("HTTP/1.1 " + status + " Echo\r\n");
        StringBuilder[] values = new StringBuilder[CHAINS.size()];
        for (int i = 0; i < FORMS.size(); i++) { // one header per chain, with every secret in that form
            int chain = i % CHAINS.size();
            values[chain] = values[chain] == null ? new StringBuilder() : values[chain].append(' ');
            values[chain].append(FORMS.get(i).echoed());
        }
        for (int chain = 0; chain < values.length; chain++) {
            headers.append("X-Echo-").append(chain).append(": ").append(values[chain]).append("\r\n");
        }
        headers.append("X-Echo-Sent: ").append(echoedSecret).append("\r\n");
        String all = String.join(" ", FORMS.stream().map(Form::echoed).toList());
        String message = "rejected " + echoedSecret + " " + all + " | " + json(all);
        String body = "{\"code\":" + status + ",\"message\":\"" + message + "\",\"error\":{\"code\":" + status
                      + ",\"message\":\"" + message + "\"}}";
        byte[] bodyBytes = bodyCharset.encode(body);
        headers.append("Content-Type: ").append(bodyCharset.contentType()).append("\r\n");
        headers.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        out.writeBytes(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
        // the raw secrets once more in UTF-8 bytes, as a server that does not care for the header charset sends them
        out.writeBytes(("X-Echo-Utf8: " + String.join(" ", SECRETS) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bodyBytes);
        return out.toByteArray();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static String json(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private SmsException fail(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = template.send("direct:sms", e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
            e.getMessage().setHeader("smsUri", uri);
        });
        assertThat(exchange.getException()).as(uri).isInstanceOf(SmsException.class);
        return (SmsException) exchange.getException();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyCharsets")
    void noSecretIsReadableInAnyEncodingAServerEchoesIt(BodyCharset charset) {
        bodyCharset = charset;
        Map<String, SmsException> failures = new LinkedHashMap<>();
        List<String> logged;
        List<String> headerLog;
        try (LogCapture log = new LogCapture(true)) {
            failures.put("cpsms apiKey", fail("sms:cpsms/send?baseUrl=" + base(), "Hi",
                    Map.of(SmsConstants.TO, "4522334488")));
            failures.put("twilio authToken", fail("sms:twilio/send?baseUrl=" + base() + "&accountSid=" + SID
                                                  + "&from=RAW(+4570200000)", "Hi",
                    Map.of(SmsConstants.TO, "+4522334488")));
            failures.put("signalwire secretKey", fail("sms:signalwire/send?baseUrl=" + base() + "&accountSid=" + PROJECT
                                                      + "&from=RAW(+4570200000)", "Hi",
                    Map.of(SmsConstants.TO, "+4522334488")));
            failures.put("proxy password", fail("sms:cpsms/send?baseUrl=http://127.0.0.1:9/v2&proxyHost=127.0.0.1"
                                                + "&proxyPort=" + server.port() + "&proxyAuthUsername=" + PROXY_USER,
                    "Hi", Map.of(SmsConstants.TO, "4522334488")));
            logged = log.everything();
            headerLog = log.texts("org.apache.hc.client5.http.headers");
        }
        assertThat(server.requests()).as("every endpoint reached the echoing server").hasSizeGreaterThanOrEqualTo(4);
        // the echoes arrived: HttpClient logged the echoing headers, every failure kept the answer
        assertThat(headerLog).anySatisfy(line -> assertThat(line).contains("X-Echo-0: "));
        failures.forEach((who, e) -> {
            assertThat(e.getStatusCode()).as(who).isIn(400, 401, 407, 500);
            assertThat(e.getResponseHeaders()).as(who).containsKey("X-Echo-0");
            assertThat(e.getResponseBody()).as(who).isNotEmpty();
            assertUnreadable(charset + ", " + who, exposed(e));
        });
        assertUnreadable(charset + ", log", logged);
    }

    /** Everything an application can see of a failure. */
    private static List<String> exposed(SmsException e) {
        List<String> texts = new ArrayList<>();
        texts.add(e.getMessage());
        texts.add(e.toString());
        texts.add(e.getResponseBody());
        texts.add(String.valueOf(e.getResponseHeaders()));
        texts.add(e.getFailure().toString());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            texts.add(t.toString());
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
        return texts;
    }

    /**
     * No layer of any form is in the text, read as it is or as the UTF-8 it may have been before a reader took it for
     * ISO-8859-1, with NULs (UTF-16 read a byte at a time) dropped and every non-ASCII character, lost or not, as '?'.
     */
    private static void assertUnreadable(String where, Collection<String> texts) {
        Set<String> layers = new LinkedHashSet<>();
        Map<String, String> formOf = new LinkedHashMap<>();
        for (Form form : FORMS) {
            for (String layer : form.layers()) {
                layers.add(lossy(layer));
                formOf.putIfAbsent(lossy(layer), form.name());
            }
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            List<String> views = new ArrayList<>(List.of(lossy(text)));
            if (text.chars().allMatch(c -> c <= 0xff)) {
                views.add(lossy(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            }
            for (String view : views) {
                for (String layer : layers) {
                    if (view.contains(layer)) {
                        assertThat(view).as("%s: readable %s (%s)", where, layer, formOf.get(layer))
                                .doesNotContain(layer);
                    }
                }
            }
        }
    }

    private static String lossy(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != 0) {
                sb.append(c < 128 ? c : '?');
            }
        }
        return sb.toString();
    }

    /** A loopback HTTP/1.1 server that writes the bytes it is given, keeping the connection for the next request. */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        RawServer(java.util.function.Function<String, byte[]> answer) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        open.add(client);
                        Thread connection = new Thread(() -> serve(client, answer), "raw-echo-connection");
                        connection.setDaemon(true);
                        connection.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "raw-echo");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket client, java.util.function.Function<String, byte[]> answer) {
            try (client) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String length = header(head, "Content-Length");
                    if (length != null) {
                        in.readNBytes(Integer.parseInt(length));
                    } else if ("chunked".equalsIgnoreCase(header(head, "Transfer-Encoding"))) {
                        readChunks(in);
                    }
                    requests.add(head);
                    out.write(answer.apply(head));
                    out.flush();
                }
            } catch (IOException | RuntimeException | AssertionError gone) {
                // the client went away, or the request was not what the echo expects: the test sees no answer
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return new String(h, StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static void readChunks(InputStream in) throws IOException {
            while (true) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                int size = Integer.parseInt(line.toString().trim().split(";")[0], 16);
                in.readNBytes(size + 2);
                if (size == 0) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : open) {
                client.close();
            }
        }
    }
}
