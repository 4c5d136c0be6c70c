package com.example.shop;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

@Component
public class SmsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:notify")
                .to("sms:cpsms/send?from=MyShop&reference=order-7"
                    + "&callbackUrl=RAW({{shop.public-url}}/sms/cpsms/dlr)");
        from("sms:cpsms/deliveryReports?path=/sms/cpsms/dlr")
                .log("${header.CamelSmsTo}: ${header.CamelSmsStatus} (reference ${body.reference})")
                .bean(DeliveryReports.class, "add");
    }
}
