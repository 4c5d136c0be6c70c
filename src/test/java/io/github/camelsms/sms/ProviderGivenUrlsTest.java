package io.github.camelsms.sms;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.camelsms.sms.exception.SmsProviderException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 5: credentials go only to their own origin. A next_page_uri that leads to another port, host or
 * scheme is refused before anything is sent; the other listener never sees a request (nor the Basic header).
 */
@Timeout(30)
class ProviderGivenUrlsTest extends SmsTestSupport {

    private HttpServer thief;
    private final List<String> stolen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startThief() throws Exception {
        thief = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        thief.createContext("/", exchange -> {
            stolen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                       + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        thief.start();
    }

    @AfterEach
    void stopThief() {
        thief.stop(0);
    }

    private void firstPageLinksTo(String nextPageUri) {
        String page = "{\"messages\":[],\"page\":0,\"page_size\":1,\"next_page_uri\":\""
                      + nextPageUri.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        sim.inject(Fault.status(200, page).onPath("/api/laml/2010-04-01/Accounts"));
    }

    @Test
    void aNextPageOnAnotherOriginIsRefusedWithoutSending() {
        int other = thief.getAddress().getPort();
        List<String> evil = List.of(
                ":" + other + "/steal",
                "@127.0.0.1:" + other + "/steal",
                ".evil.com/steal",
                "//127.0.0.1:" + other + "/steal",
                "http://127.0.0.1:" + other + "/steal",
                "https://127.0.0.1:" + sim.port() + "/api/laml/2010-04-01/Accounts/" + LAML_SID + "/Messages.json",
                "http://" + "127.0.0.1:" + sim.port() + "@127.0.0.1:" + other + "/steal",
                "http://localhost:" + sim.port() + "/api/laml/2010-04-01/Accounts/" + LAML_SID + "/Messages.json");
        for (String next : evil) {
            sim.clearRequests();
            firstPageLinksTo(next);
            Exchange exchange = call(mycpaas("listMessages", "retryDelay=5"), null, Map.of());

            assertThat(exchange.getException()).as(next).isInstanceOf(SmsProviderException.class);
            SmsProviderException e = (SmsProviderException) exchange.getException();
            assertThat(e.getMessage()).as(next).contains("refused without sending anything");
            assertThat(e.isInDoubt()).isFalse();
            assertThat(e.isRetryable()).isFalse();
            assertThat(sim.requests()).as(next).hasSize(1); // only the first page
        }
        assertThat(stolen).isEmpty();
    }

    @Test
    void aNextPageOnTheSameOriginIsFollowed() {
        for (int i = 0; i < 3; i++) {
            assertThat(call(mycpaas("send"), "m" + i, Map.of(SmsConstants.TO, "+452233448" + i)).getException())
                    .isNull();
        }
        sim.clearRequests();
        String absolute = sim.mycpaasBaseUrl() + "/Accounts/" + LAML_SID + "/Messages.json?PageSize=1&Page=1";
        String page = "{\"messages\":[],\"page\":0,\"page_size\":1,\"next_page_uri\":\"" + absolute + "\"}";
        sim.inject(Fault.status(200, page).onPath("/api/laml/2010-04-01/Accounts"));

        Exchange exchange = call(mycpaas("listMessages", "pageSize=1", "maxResults=2"), null, Map.of());

        assertThat(exchange.getException()).isNull();
        @SuppressWarnings("unchecked")
        List<SmsMessage> messages = exchange.getMessage().getBody(List.class);
        assertThat(messages).hasSize(2);
        assertThat(sim.requests()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sim.requests().get(1).query()).contains("Page=1");
        assertThat(stolen).isEmpty();
    }
}
