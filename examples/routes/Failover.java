import io.github.camelsms.sms.SmsException;
import org.apache.camel.builder.RouteBuilder;

/**
 * Failover from cpsms to mycpaas (Java DSL). The cpsms account "failover-demo" has no credit, so the message goes out
 * through mycpaas. In-doubt failures (cpsms may have sent it) are handled in the cpsms branch and do not fail over.
 */
public class Failover extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:failover-java?repeatCount=1").routeId("failover-java")
            .setBody(constant("Your table is ready."))
            .setHeader("CamelSmsTo", constant("+4522337711"))
            .loadBalance().failover(SmsException.class)
                .to("direct:failover-java-cpsms")
                .to("direct:failover-java-mycpaas")
            .end()
            .log("Sent through ${header.CamelSmsProvider}: ${body}");

        from("direct:failover-java-cpsms").routeId("failover-java-cpsms")
            .onException(SmsException.class).onWhen(simple("${exception.inDoubt}")).handled(true)
                .log(org.apache.camel.LoggingLevel.WARN, "cpsms may have sent it: not failing over")
            .end()
            .to("sms:cpsms/send?username=failover-demo&from=Bistro");

        from("direct:failover-java-mycpaas").routeId("failover-java-mycpaas")
            .to("sms:mycpaas/send?from=RAW(+4570200000)");
    }
}
