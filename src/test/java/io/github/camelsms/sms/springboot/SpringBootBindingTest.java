package io.github.camelsms.sms.springboot;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.SmsComponent;
import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.SmsEndpoint;
import io.github.camelsms.sms.http.HttpAsyncClientConfigurer;
import org.apache.camel.impl.DefaultCamelContext;
import io.github.camelsms.sms.webhook.SmsJdbcWebhookMemory;
import io.github.camelsms.sms.webhook.SmsWebhookMemory;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every option of the component binds from camel.component.sms.* the way Spring Boot binds it (its Binder, the
 * generated converter), in kebab-case and in camelCase, and lands on the component. The Spring Boot application test
 * (SmsSpringBootIT) shows the same with a real application.
 */
class SpringBootBindingTest {

    private final AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final SmsConfiguration configurationBean = new SmsConfiguration();
    private final HttpAsyncClientConfigurer configurerBean = builder -> {
    };
    private final IdempotentRepository repositoryBean = MemoryIdempotentRepository.memoryIdempotentRepository();
    private final SSLContextParameters sslBean = new SSLContextParameters();
    private final SmsWebhookMemory memoryBean = new SmsJdbcWebhookMemory();

    @BeforeEach
    void beans() {
        spring.registerBean("myConfiguration", SmsConfiguration.class, () -> configurationBean);
        spring.registerBean("myConfigurer", HttpAsyncClientConfigurer.class, () -> configurerBean);
        spring.registerBean("myRepository", IdempotentRepository.class, () -> repositoryBean);
        spring.registerBean("mySsl", SSLContextParameters.class, () -> sslBean);
        spring.registerBean("myMemory", SmsWebhookMemory.class, () -> memoryBean);
        spring.refresh();
    }

    @AfterEach
    void close() throws Exception {
        spring.close();
        camel.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void everyComponentOptionBinds(boolean kebabCase) throws Exception {
        JsonNode options = SpringBootSourcesTest.componentJson().get("componentProperties");
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> expected = new HashMap<>();
        options.properties().forEach(e -> {
            String name = e.getKey();
            if (name.equals("providerOptions")) {
                return; // a map keyed by provider: providerOptionsBindPerProvider
            }
            Object value = sampleValue(name, e.getValue());
            expected.put(name, value);
            String key = "camel.component.sms." + (kebabCase ? StringHelper.camelCaseToDash(name) : name);
            properties.put(key, text(value));
        });

        SmsComponent component = configure(properties);

        PropertyConfigurerGetter getter = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
        assertThat(expected).hasSizeGreaterThan(40);
        expected.forEach((name, value) -> {
            Object actual = name.equals("configuration") ? component.getConfiguration()
                    : getter.getOptionValue(component, name, true);
            assertThat(actual).as(name).isEqualTo(value);
        });
        assertThat(component.getConfiguration()).as("the configuration bean, filled with the single options")
                .isSameAs(configurationBean);
        assertThat(configurationBean.getApiKey()).isEqualTo("apiKey-value");
    }

    /** Spring binds provider-options.<provider>.<option> as nested maps; each provider's endpoint gets its own. */
    @Test
    void providerOptionsBindPerProvider() throws Exception {
        SmsComponent component = configure(Map.of(
                "camel.component.sms.provider-options.twilio.auth-token", "twilio-token",
                "camel.component.sms.provider-options.mycpaas.auth-token", "mycpaas-token",
                "camel.component.sms.provider-options.cpsms.api-key", "cpsms-key"));
        camel.addComponent("sms", component);
        assertThat(((SmsEndpoint) camel.getEndpoint("sms:twilio/send")).getConfiguration().getAuthToken())
                .isEqualTo("twilio-token");
        assertThat(((SmsEndpoint) camel.getEndpoint("sms:mycpaas/send")).getConfiguration().getAuthToken())
                .isEqualTo("mycpaas-token");
        SmsConfiguration cpsms = ((SmsEndpoint) camel.getEndpoint("sms:cpsms/send")).getConfiguration();
        assertThat(cpsms.getApiKey()).isEqualTo("cpsms-key");
        assertThat(cpsms.getAuthToken()).isNull();
    }

    @Test
    void anOptionLeftUnsetKeepsTheComponentDefault() throws Exception {
        SmsComponent component = configure(Map.of("camel.component.sms.username", "me"));
        assertThat(component.getConfiguration().getUsername()).isEqualTo("me");
        assertThat(component.getConfiguration().getConnectTimeout()).isEqualTo(new SmsConfiguration().getConnectTimeout());
        assertThat(component.getConfiguration().getFlash()).as("unset, not false").isNull();
        assertThat(component.getMaxTotalConnections()).isEqualTo(200);
    }

    @Test
    void aBeanOptionWithoutHashIsRefusedNotIgnored() {
        assertThatThrownBy(() -> configure(Map.of("camel.component.sms.http-async-client-configurer", "myConfigurer")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("camel.component.sms.http-async-client-configurer")
                .rootCause().hasMessageContaining("write #myConfigurer");
    }

    @Test
    void aReferenceToAMissingBeanFails() {
        assertThatThrownBy(() -> configure(Map.of("camel.component.sms.ssl-context-parameters", "#nothing")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("nothing");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThatThrownBy(() -> configure(Map.of("camel.component.sms.connect-timeout", "ten seconds")))
                .isInstanceOf(BindException.class).hasMessageContaining("camel.component.sms.connect-timeout");
    }

    private SmsComponent configure(Map<String, String> properties) throws Exception {
        SmsComponentConverter converter = new SmsComponentConverter();
        spring.getAutowireCapableBeanFactory().autowireBean(converter);
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(converter);
        Binder binder = new Binder(java.util.List.of(new MapConfigurationPropertySource(properties)), null, conversion);
        SmsComponentConfiguration configuration = binder.bindOrCreate("camel.component.sms",
                SmsComponentConfiguration.class);
        SmsComponent component = new SmsComponent();
        component.setCamelContext(camel);
        SmsComponentAutoConfiguration.applyTo(camel, configuration, component);
        return component;
    }

    /** A value unlike the default, of the option's type. */
    private Object sampleValue(String name, JsonNode option) {
        Map<String, Function<String, Object>> beans = Map.of(
                SmsConfiguration.class.getName(), n -> configurationBean,
                HttpAsyncClientConfigurer.class.getName(), n -> configurerBean,
                IdempotentRepository.class.getName(), n -> repositoryBean,
                SSLContextParameters.class.getName(), n -> sslBean,
                SmsWebhookMemory.class.getName(), n -> memoryBean);
        String javaType = option.get("javaType").asText();
        if (beans.containsKey(javaType)) {
            return beans.get(javaType).apply(name);
        }
        if (option.has("enum")) {
            return option.get("enum").get(option.get("enum").size() - 1).asText();
        }
        return switch (SpringBootSources.fieldType(option)) {
            case "java.lang.Boolean" -> !option.path("defaultValue").asBoolean(false);
            case "java.lang.Integer" -> option.path("defaultValue").asInt(0) + 7;
            case "java.lang.Long" -> option.path("defaultValue").asLong(0) + 7;
            case "java.lang.String" -> name + "-value";
            default -> throw new IllegalStateException("no sample for " + name + " of " + javaType);
        };
    }

    private String text(Object value) {
        if (value == configurationBean) {
            return "#myConfiguration";
        } else if (value == configurerBean) {
            return "#myConfigurer";
        } else if (value == repositoryBean) {
            return "#bean:myRepository";
        } else if (value == sslBean) {
            return "#mySsl";
        } else if (value == memoryBean) {
            return "#myMemory";
        }
        return String.valueOf(value);
    }
}
