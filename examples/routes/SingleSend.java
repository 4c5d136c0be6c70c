import java.util.List;

import org.apache.camel.builder.RouteBuilder;

/**
 * Sends one SMS to two recipients through CPSMS and logs what came back (Java DSL).
 */
public class SingleSend extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:single-send-java?repeatCount=1").routeId("single-send-java")
            .setBody(constant("Welcome to Camel SMS!"))
            .setHeader("CamelSmsTo", constant(List.of("+4522339901", "+4522339902")))
            .to("sms:cpsms/send?from=CamelJava")
            .log("Accepted ${header.CamelSmsAcceptedCount}, rejected ${header.CamelSmsRejectedCount},"
                 + " cost ${header.CamelSmsCost}: ${body}");
    }
}
