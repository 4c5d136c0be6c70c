package com.example.shop;

import org.apache.camel.builder.RouteBuilder;

public class ShopRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:notify")
                .setHeader("CamelSmsTo", constant("+4522334488"))
                .to("sms:cpsms/send?from=MyShop")
                .log("Accepted ${header.CamelSmsAcceptedCount}, cost ${header.CamelSmsCost}");
    }
}
