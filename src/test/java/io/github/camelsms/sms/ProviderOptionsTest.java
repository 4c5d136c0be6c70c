package io.github.camelsms.sms;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviderOption;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A provider's own options ({@code provider.<name>} on an endpoint, {@code providerOptions} {@code <provider>.<name>}
 * on the component) are read only by the provider that declares them; any other is refused before anything is sent,
 * and every secret option has a name Camel masks in its own logs.
 */
class ProviderOptionsTest extends SmsTestSupport {

    @Test
    void anOptionTheProviderDoesNotDeclareIsRefusedOnTheEndpoint() {
        assertThatThrownBy(() -> call(cpsms("send", "provider.apiKey=RAW(" + API_KEY + ")"), "Hello", Map.of(SmsConstants.TO, "+4522334488")))
                .hasRootCauseInstanceOf(SmsValidationException.class).rootCause().hasMessageContaining("option 'provider.apiKey' is not an option of cpsms");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aComponentOptionForAnUnknownProviderIsRefused() {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions()
                .put("cpsmss.api-key", "x");
        assertThatThrownBy(() -> call(cpsms("send"), "Hello", Map.of(SmsConstants.TO, "+4522334488")))
                .hasRootCauseInstanceOf(SmsValidationException.class).rootCause().hasMessageContaining("there is no provider 'cpsmss'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aComponentOptionTheNamedProviderDoesNotDeclareIsRefused() {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions()
                .put("twilio.api-secret", "x");
        assertThatThrownBy(() -> call(cpsms("send"), "Hello", Map.of(SmsConstants.TO, "+4522334488")))
                .hasRootCauseInstanceOf(SmsValidationException.class).rootCause().hasMessageContaining("twilio has no option 'apiSecret'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aComponentOptionWithoutAProviderPrefixIsRefused() {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions().put("secret", "x");
        assertThatThrownBy(() -> call(cpsms("send"), "Hello", Map.of(SmsConstants.TO, "+4522334488")))
                .hasRootCauseInstanceOf(SmsValidationException.class).rootCause().hasMessageContaining("prefix it with the provider's name, such as cpsms.secret");
        assertThat(sim.requests()).isEmpty();
    }

    /**
     * One application holds the CPSMS key and two LaML accounts (mycpaas and twilio, both of which read accountSid and
     * authToken) on the component at once, bound as camel-main binds application.properties; each endpoint sends its
     * own provider's, and an endpoint's own URI option still wins.
     */
    @Test
    void eachProvidersCredentialsLiveOnTheComponentAtOnce() {
        String twilioSid = "AC" + "f".repeat(32);
        sim.laml().addAccount(twilioSid, "twilio-T0ken-of-another-account");
        SmsComponent component = context.getComponent("sms", SmsComponent.class);
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("provider-options.cpsms.username", USER);
        properties.put("provider-options.cpsms.api-key", API_KEY);
        properties.put("provider-options.mycpaas.account-sid", LAML_SID);
        properties.put("provider-options.mycpaas.auth-token", LAML_TOKEN);
        properties.put("provider-options.twilio.account-sid", twilioSid);
        properties.put("provider-options.twilio.auth-token", "twilio-T0ken-of-another-account");
        assertThat(PropertyBindingSupport.build().withIgnoreCase(true).bind(context, component, properties)).isTrue();
        Map<String, Object> to = Map.of(SmsConstants.TO, "+4522334488");

        assertThat(call("sms:cpsms/send?baseUrl=" + sim.baseUrl(), "Hello", to).getException()).isNull();
        assertThat(sim.lastRequest().basicUser()).isEqualTo(USER);
        assertThat(call("sms:mycpaas/send?from=RAW(" + LAML_FROM + ")&baseUrl=" + sim.baseUrl("mycpaas"), "Hello", to)
                .getException()).isNull();
        assertThat(sim.lastRequest().basicUser()).isEqualTo(LAML_SID);
        assertThat(call("sms:twilio/send?from=RAW(" + LAML_FROM + ")&baseUrl=" + sim.baseUrl("twilio"), "Hello", to)
                .getException()).isNull();
        assertThat(sim.lastRequest().basicUser()).isEqualTo(twilioSid);
        assertThat(sim.lastRequest().path()).contains(twilioSid);

        assertThat(call("sms:twilio/send?accountSid=" + LAML_SID + "&authToken=RAW(" + LAML_TOKEN + ")&from=RAW("
                        + LAML_FROM + ")&baseUrl=" + sim.baseUrl("twilio"), "Hello", to).getException()).isNull();
        assertThat(sim.lastRequest().basicUser()).as("the URI's own option wins").isEqualTo(LAML_SID);
    }

    @Test
    void aComponentScopedOptionTheProviderDoesNotHonourIsRefused() {
        context.getComponent("sms", SmsComponent.class).getConfiguration().getProviderOptions().put("twilio.flash", true);
        assertThatThrownBy(() -> call(cpsms("send"), "Hello", Map.of(SmsConstants.TO, "+4522334488")))
                .hasRootCauseInstanceOf(SmsValidationException.class).rootCause()
                .hasMessageContaining("twilio has no option 'flash'");
        assertThat(sim.requests()).isEmpty();
    }

    /** Camel 4.18 masks a property whose last part (lower case, without '-') is in its list of sensitive names. */
    @Test
    void everySecretOptionHasANameCamelMasks() {
        List<String> notMasked = new ArrayList<>();
        for (Field field : SmsConfiguration.class.getDeclaredFields()) {
            UriParam option = field.getAnnotation(UriParam.class);
            if (option != null && option.secret()) {
                checkMasked(field.getName(), "camel.component.sms." + StringHelper.camelCaseToDash(field.getName()),
                        notMasked);
            }
        }
        for (String name : SmsProviders.names()) {
            SmsProvider provider = SmsProviders.find(name);
            for (SmsProviderOption option : provider.providerOptions()) {
                if (option.secret()) {
                    checkMasked("provider." + option.name(), "camel.component.sms.provider-options." + name + "."
                                                             + StringHelper.camelCaseToDash(option.name()), notMasked);
                }
            }
        }
        assertThat(notMasked).isEmpty();
    }

    /** The check itself: a name such as apiSecret, which Camel does not mask, is caught. */
    @Test
    void theCheckCatchesANameCamelDoesNotMask() {
        List<String> notMasked = new ArrayList<>();
        checkMasked("provider.apiSecret", "camel.component.sms.provider-options.vonage.api-secret", notMasked);
        assertThat(notMasked).containsExactly("provider.apiSecret",
                "camel.component.sms.provider-options.vonage.api-secret"); // URIs mask any name containing "secret"
    }

    private static void checkMasked(String uriName, String propertyKey, List<String> notMasked) {
        String value = "Sup3rS3cretValue";
        if (!SensitiveUtils.containsSensitive(uriName)) {
            notMasked.add(uriName);
        }
        if (!SensitiveUtils.containsSensitive(propertyKey)) {
            notMasked.add(propertyKey);
        }
        if (URISupport.sanitizeUri("sms:x/send?" + uriName + "=" + value).contains(value)) {
            notMasked.add("URI " + uriName);
        }
    }
}
