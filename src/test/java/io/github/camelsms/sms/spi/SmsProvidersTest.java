package io.github.camelsms.sms.spi;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;

import io.github.camelsms.sms.provider.laml.LamlProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers are found where ServiceLoader finds nothing or fails (restricted class loaders: the service files are read
 * directly), and a third-party provider is found through ServiceLoader.
 */
class SmsProvidersTest {

    private static final List<String> ALL = List.of("cpsms", "gatewayapi", "infobip", "mycpaas", "signalwire",
            "sinch", "telnyx", "twilio", "vonage");

    @Test
    void theServiceFilesNameEveryProviderAndNoOther() {
        List<String> fromFiles = SmsProviders.fromServiceFiles().stream().map(SmsProvider::name).sorted().toList();
        assertThat(fromFiles).containsExactlyElementsOf(ALL);
    }

    @Test
    void withoutServiceLoaderEveryBuiltInProviderIsFound() {
        Map<String, SmsProvider> providers = SmsProviders.load(List.of());
        assertThat(providers.keySet()).containsExactlyElementsOf(ALL);
        assertThat(providers.get("twilio").operations()).containsKey("send");
    }

    @Test
    void aServiceLoaderThatFailsLeavesTheBuiltInProviders() {
        Iterable<SmsProvider> broken = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("io.github.camelsms.sms.spi.SmsProvider: not accessible");
            }

            @Override
            public SmsProvider next() {
                throw new IllegalStateException();
            }
        };
        assertThat(SmsProviders.load(broken).keySet()).containsExactlyElementsOf(ALL);
    }

    @Test
    void aThirdPartyProviderComesThroughServiceLoader() {
        SmsProvider acme = new LamlProvider() {
            @Override
            public String name() {
                return "acme";
            }

            @Override
            public String defaultBaseUrl(SmsSettings configuration) {
                return "https://api.acme.example/laml";
            }
        };
        List<SmsProvider> onTheClassPath = new java.util.ArrayList<>(SmsProviders.fromServiceFiles());
        onTheClassPath.add(acme);
        Map<String, SmsProvider> providers = SmsProviders.load(onTheClassPath);
        assertThat(providers).containsEntry("acme", acme);
        assertThat(providers.keySet()).containsAll(ALL);
    }

    @Test
    void theComponentsLookupHasThemAll() {
        assertThat(SmsProviders.names()).containsExactlyElementsOf(ALL);
    }
}
