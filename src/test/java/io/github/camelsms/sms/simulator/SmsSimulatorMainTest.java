package io.github.camelsms.sms.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The standalone simulator: a fixed port and accounts from the command line, and clear errors for bad ones. */
class SmsSimulatorMainTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String PROJECT = "ea108133-d6b3-407c-9536-9fad8a929a6a";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void servesOnTheGivenPortWithTheGivenAccounts() throws Exception {
        int port = freePort();
        try (SmsSimulator sim = SmsSimulatorMain.start(out, "--cpsms", "demo:demo-key:25", "--laml", SID + ":token",
                "--signalwire", PROJECT + ":api-token:signing-key", "--cpsms", "other:other-key", "--port",
                String.valueOf(port))) {
            assertThat(sim.port()).isEqualTo(port);
            assertThat(sim.cpsms().account("demo").credit()).isEqualByComparingTo("25");
            assertThat(sim.cpsms().account("other").credit()).isEqualByComparingTo(SmsSimulatorMain.DEFAULT_CREDIT);
            assertThat(get(sim.baseUrl() + "/creditvalue", "demo", "demo-key")).isEqualTo(200);
            assertThat(get(sim.baseUrl() + "/creditvalue", "demo", "wrong")).isEqualTo(401);
            assertThat(get(sim.twilioBaseUrl() + "/Accounts/" + SID + "/Balance.json", SID, "token")).isEqualTo(200);
            assertThat(get(sim.signalWireBaseUrl() + "/Accounts/" + PROJECT + "/Messages.json", PROJECT, "api-token"))
                    .isEqualTo(200);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("http://127.0.0.1:" + port + "/2010-04-01", "cpsms account demo with credit 25",
                "GET /creditvalue");
        assertThat(text).as("no secret printed").doesNotContain("demo-key", "token", "signing-key");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--cpsms", "demo")).hasMessage(
                "--cpsms takes username:apiKey[:credit], not 'demo'");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--cpsms", "demo:")).hasMessageContaining("--cpsms takes");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--cpsms", "demo:k:lots")).hasMessageContaining(
                "credit is a number");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--laml", SID)).hasMessageContaining("accountSid:authToken");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--signalwire", "p:t:k")).hasMessageContaining("UUID");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--port", "http")).hasMessageContaining("--port takes");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--verbose", "1")).hasMessage("Unknown option: --verbose");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> SmsSimulatorMain.start(out, "--port", String.valueOf(taken.getLocalPort())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int get(String url, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
