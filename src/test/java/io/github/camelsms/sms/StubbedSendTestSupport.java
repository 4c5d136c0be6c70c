package io.github.camelsms.sms;

import io.github.camelsms.sms.http.LoopbackHttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

/** Sends through cpsms or mycpaas to a {@link LoopbackHttpServer} whose answers a test scripts. */
abstract class StubbedSendTestSupport extends CamelTestSupport {

    protected final LoopbackHttpServer server = new LoopbackHttpServer();

    @AfterEach
    void closeServer() {
        server.close();
    }

    protected String cpsms(String... options) {
        return "sms:cpsms/send?baseUrl=" + server.baseUrl() + "&username=u&apiKey=RAW(k3y-Stubbed)"
               + (options.length == 0 ? "" : "&" + String.join("&", options));
    }

    protected String laml(String... options) {
        return "sms:mycpaas/send?baseUrl=" + server.baseUrl() + "&accountSid=" + AsyncTransportTest.SID
               + "&authToken=RAW(" + AsyncTransportTest.TOKEN + ")&from=RAW(+4570200000)"
               + (options.length == 0 ? "" : "&" + String.join("&", options));
    }

    protected Exchange send(String uri, Object to) {
        return template().send(uri, e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader(SmsConstants.TO, to);
        });
    }
}
