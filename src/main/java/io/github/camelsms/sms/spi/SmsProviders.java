package io.github.camelsms.sms.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers on the class path, each named in a {@code META-INF/services/io.github.camelsms.sms.spi.SmsProvider}
 * file (the built-in ones in this jar's). Found through {@link ServiceLoader}; where it finds nothing or fails (some
 * class loaders), the service files are read directly. A new provider is a package plus a line in a service file.
 */
public final class SmsProviders {

    static final String SERVICE_FILE = "META-INF/services/" + SmsProvider.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(SmsProviders.class);
    private static final Map<String, SmsProvider> PROVIDERS
            = load(ServiceLoader.load(SmsProvider.class, SmsProviders.class.getClassLoader()));

    private SmsProviders() {
    }

    static Map<String, SmsProvider> load(Iterable<SmsProvider> discovered) {
        Map<String, SmsProvider> found = new TreeMap<>();
        try {
            for (Iterator<SmsProvider> it = discovered.iterator(); it.hasNext();) {
                add(found, it.next());
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("Cannot look up SMS providers through ServiceLoader ({}); reading {} instead", e.getMessage(),
                    SERVICE_FILE);
            found.clear();
        }
        if (found.isEmpty()) {
            fromServiceFiles().forEach(provider -> add(found, provider));
        }
        return Collections.unmodifiableMap(found);
    }

    private static void add(Map<String, SmsProvider> found, SmsProvider provider) {
        SmsProvider known = found.putIfAbsent(provider.name(), provider);
        if (known != null && known.getClass() != provider.getClass()) {
            LOG.warn("Two SMS providers are named '{}': {} is used, {} is not", provider.name(),
                    known.getClass().getName(), provider.getClass().getName());
        }
    }

    /** The providers the service files name, instantiated directly; one that cannot be is left out with a warning. */
    static List<SmsProvider> fromServiceFiles() {
        ClassLoader loader = SmsProviders.class.getClassLoader();
        List<SmsProvider> providers = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        String name = line.replaceFirst("#.*", "").trim();
                        if (!name.isEmpty()) {
                            instantiate(loader, name, providers);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", SERVICE_FILE, e.getMessage());
        }
        return providers;
    }

    private static void instantiate(ClassLoader loader, String className, List<SmsProvider> providers) {
        try {
            providers.add(Class.forName(className, true, loader).asSubclass(SmsProvider.class)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            LOG.warn("Cannot load the SMS provider {}: {}", className, e.toString());
        }
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
