package io.github.camelsms.sms.spi;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers on the class path, found through {@link ServiceLoader}: a new provider is a new package plus a line in
 * META-INF/services/io.github.camelsms.sms.spi.SmsProvider.
 */
public final class SmsProviders {

    private static final Map<String, SmsProvider> PROVIDERS = load();

    private SmsProviders() {
    }

    private static Map<String, SmsProvider> load() {
        Map<String, SmsProvider> found = new TreeMap<>();
        for (SmsProvider provider : ServiceLoader.load(SmsProvider.class, SmsProviders.class.getClassLoader())) {
            found.put(provider.name(), provider);
        }
        return Collections.unmodifiableMap(found);
    }

    /** The provider of that name, or null. */
    public static SmsProvider find(String name) {
        return name == null ? null : PROVIDERS.get(name);
    }

    /** Every provider name, sorted. */
    public static java.util.Set<String> names() {
        return PROVIDERS.keySet();
    }
}
