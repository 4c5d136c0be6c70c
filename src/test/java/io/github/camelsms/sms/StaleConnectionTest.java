package io.github.camelsms.sms;

import java.util.Map;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 10: a server that closes idle keep-alive connections (as most do after a few seconds) must not turn
 * the next send into a false in-doubt failure. The connection it closed is not reused.
 */
@Timeout(30)
class StaleConnectionTest extends CamelTestSupport {

    private final LoopbackHttpServer server = new LoopbackHttpServer().closingIdleConnectionsAfter(1000);

    @AfterEach
    void closeServer() {
        server.close();
    }

    private String uri() {
        return "sms:cpsms/send?baseUrl=" + server.baseUrl() + "/v2&username=u&apiKey=RAW(k3y-Stale)&retryAttempts=0";
    }

    private Exchange send() {
        return template().send(uri(), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeaders(Map.of(SmsConstants.TO, "4522334488"));
        });
    }

    @Test
    void aSendAfterTheServerClosedTheIdleConnectionSucceeds() throws Exception {
        assertThat(send().getException()).isNull();
        Thread.sleep(1500); // the server closed the connection after 1 s of silence
        Exchange second = send();
        assertThat(second.getException()).as("second send after 1.5 s idle").isNull();
        assertThat(second.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }
}
