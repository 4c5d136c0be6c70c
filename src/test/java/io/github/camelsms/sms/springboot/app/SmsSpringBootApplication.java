package io.github.camelsms.sms.springboot.app;

import io.github.camelsms.sms.http.HttpAsyncClientConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application of SmsSpringBootIT, as a user writes one: camel-sms, camel-spring-boot-starter,
 * camel-platform-http-starter, web and actuator on the class path; application.properties and camel/*.yaml from
 * src/it/resources.
 */
@SpringBootApplication
public class SmsSpringBootApplication {

    /** Referenced as camel.component.sms.http-async-client-configurer = #myConfigurer; marks every request it configures. */
    @Bean
    public HttpAsyncClientConfigurer myConfigurer() {
        return builder -> builder.addRequestInterceptorFirst(
                (request, entity, context) -> request.addHeader("X-Configured-By", "myConfigurer"));
    }
}
