import io.github.camelsms.sms.exception.SmsException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Failover from cpsms to mycpaas (Java DSL). The cpsms account "failover-demo" has no credit, so the message goes out
 * through mycpaas. An in-doubt failure (cpsms may have sent it) does not fail over. Both failures are expected: the
 * doCatch that handles them logs them as warnings, not as errors.
 */
public class Failover extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:failover-java?repeatCount=1").routeId("failover-java")
            .setBody(constant("Your table is ready."))
            .setHeader("CamelSmsTo", constant("+4522337711"))
            .doTry()
                .to("sms:cpsms/send?username=failover-demo&from=Bistro")
            .doCatch(SmsException.class).onWhen(simple("${exception.inDoubt}"))
                .log(LoggingLevel.WARN, "cpsms may have sent it (${exception.message}): not failing over")
            .doCatch(SmsException.class)
                .log(LoggingLevel.WARN, "cpsms did not send it (${exception.message}): failing over to mycpaas")
                .to("sms:mycpaas/send?from=RAW(+4570200000)")
            .end()
            .log("Sent through ${header.CamelSmsProvider}: ${body}");
    }
}
