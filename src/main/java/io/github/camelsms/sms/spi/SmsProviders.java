package io.github.camelsms.sms.spi;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.github.camelsms.sms.provider.cpsms.CpsmsProvider;
import io.github.camelsms.sms.provider.laml.MycpaasProvider;
import io.github.camelsms.sms.provider.laml.SignalWireProvider;
import io.github.camelsms.sms.provider.laml.TwilioProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers: the built-in ones, named here so that they are found also where {@link ServiceLoader} finds nothing
 * (a GraalVM native image without the service file registered, some class loaders), and any other provider on the
 * class path through ServiceLoader: a new provider is a new package plus a line in
 * META-INF/services/io.github.camelsms.sms.spi.SmsProvider (and, if built in, an entry in {@link #BUILT_IN}).
 */
public final class SmsProviders {

    /** The built-in providers; SmsProvidersTest checks that they are exactly the service file's entries. */
    static final List<Supplier<SmsProvider>> BUILT_IN = List.of(CpsmsProvider::new, MycpaasProvider::new,
            TwilioProvider::new, SignalWireProvider::new);

    private static final Logger LOG = LoggerFactory.getLogger(SmsProviders.class);
    private static final Map<String, SmsProvider> PROVIDERS
            = load(ServiceLoader.load(SmsProvider.class, SmsProviders.class.getClassLoader()));

    private SmsProviders() {
    }

    static Map<String, SmsProvider> load(Iterable<SmsProvider> discovered) {
        Map<String, SmsProvider> found = new TreeMap<>();
        BUILT_IN.forEach(builtIn -> {
            SmsProvider provider = builtIn.get();
            found.put(provider.name(), provider);
        });
        try {
            for (Iterator<SmsProvider> it = discovered.iterator(); it.hasNext();) {
                SmsProvider provider = it.next();
                SmsProvider known = found.putIfAbsent(provider.name(), provider);
                if (known != null && known.getClass() != provider.getClass()) {
                    LOG.warn("Two SMS providers are named '{}': {} is used, {} is not", provider.name(),
                            known.getClass().getName(), provider.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("Cannot look up SMS providers through ServiceLoader ({}); using the built-in ones: {}",
                    e.getMessage(), found.keySet());
        }
        return Collections.unmodifiableMap(found);
    }

    /** The provider of that name, or null. */
    public static SmsProvider find(String name) {
        return name == null ? null : PROVIDERS.get(name);
    }

    /** Every provider name, sorted. */
    public static Set<String> names() {
        return PROVIDERS.keySet();
    }
}
