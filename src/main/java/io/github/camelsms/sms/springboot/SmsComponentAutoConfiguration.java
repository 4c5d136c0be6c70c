package io.github.camelsms.sms.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsms.sms.SmsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the sms component from {@code camel.component.sms.*} in a Spring Boot application that uses
 * camel-spring-boot, as camel-spring-boot's own component starters do. Every option that is set is applied, and one
 * that cannot be applied stops the start-up instead of being ignored.
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, SmsComponentConverter.class })
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, SmsComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.sms" })
public class SmsComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureSmsComponent(CamelContext camelContext, ApplicationContext applicationContext,
                                                     SmsComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                applyTo(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.sms.customizer") && target instanceof SmsComponent;
            }
        };
    }

    /** Sets every option that was configured on the component; fails on one it cannot set. */
    static void applyTo(CamelContext camelContext, SmsComponentConfiguration configuration, Component target) {
        Map<String, Object> set = CamelPropertiesHelper.getNonNullProperties(camelContext, configuration);
        set.remove("enabled");
        set.remove("customizer");
        // a whole configuration bean first, so that single options set next land in it rather than being replaced
        Map<String, Object> ordered = new LinkedHashMap<>();
        if (set.containsKey("configuration")) {
            ordered.put("configuration", set.remove("configuration"));
        }
        ordered.putAll(set);
        CamelPropertiesHelper.setCamelProperties(camelContext, target, ordered, true);
    }
}
