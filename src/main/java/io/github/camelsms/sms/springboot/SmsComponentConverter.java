// Generated from the component's metadata (sms.json) by SpringBootSourcesTest: do not edit.
// Regenerate with: mvn -B test -Dtest='SmsComponentDocTest,SpringBootSourcesTest' -Dsms.updateDoc=true
package io.github.camelsms.sms.springboot;

import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.stereotype.Component;

/**
 * Binds the options whose value is a bean from a reference to a Spring bean:
 * camel.component.sms.http-async-client-configurer = #myConfigurer (or #bean:myConfigurer). A value without #
 * is refused rather than ignored.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConfigurationPropertiesBinding
@Component
public class SmsComponentConverter implements GenericConverter {

    @Autowired
    private ApplicationContext applicationContext;

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(
                new ConvertiblePair(String.class, io.github.camelsms.sms.SmsConfiguration.class),
                new ConvertiblePair(String.class, io.github.camelsms.sms.http.HttpAsyncClientConfigurer.class),
                new ConvertiblePair(String.class, io.github.camelsms.sms.webhook.SmsWebhookMemory.class),
                new ConvertiblePair(String.class, org.apache.camel.spi.IdempotentRepository.class),
                new ConvertiblePair(String.class, org.apache.camel.support.jsse.SSLContextParameters.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return source == null ? null
                : SmsBeanReferences.lookup(applicationContext, source.toString(), targetType.getType());
    }
}
