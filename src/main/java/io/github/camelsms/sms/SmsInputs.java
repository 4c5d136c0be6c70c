package io.github.camelsms.sms;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.camelsms.sms.spi.SmsErrors;

import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import io.github.camelsms.sms.exception.SmsValidationException;

/**
 * Nothing silently ignored: which inputs a producer operation honours, from the providers' declarations
 * ({@link SmsProvider#operations()}, {@link SmsProvider#options()}) and the kit's generic options, and the refusal of
 * every other one. The options and headers there are come from {@link SmsConfiguration} and {@link SmsConstants}.
 */
final class SmsInputs {

    /** Options every provider honours: the kit applies them (path, transport, retries, TLS, proxy, Camel's own). */
    static final Set<String> GENERIC_OPTIONS = Set.of("provider", "operation", "providerOptions", "baseUrl", "retryAttempts",
            "retryDelay", "maxRetryDelay", "allowInsecureHttp", "connectTimeout", "responseTimeout",
            "httpAsyncClientConfigurer", "sslContextParameters", "proxyHost", "proxyPort", "proxyAuthUsername",
            "proxyAuthPassword", "lazyStartProducer", "bridgeErrorHandler", "exceptionHandler", "exchangePattern");

    /**
     * Input headers that the component also sets as results (a LaML send's message sid, createGroup's group id): an
     * earlier sms step leaves them on the exchange, so an operation that does not read them lets them pass.
     */
    static final Set<String> ALSO_RESULTS = Set.of(SmsConstants.MESSAGE_ID, SmsConstants.GROUP_ID);

    private static final Map<String, Field> OPTIONS = optionFields();
    private static final Set<String> HEADERS = headerNames();

    private SmsInputs() {
    }

    /** Every option of {@link SmsConfiguration}, by name. */
    static Set<String> options() {
        return OPTIONS.keySet();
    }

    /** Every header of {@link SmsConstants}. */
    static Set<String> headers() {
        return HEADERS;
    }

    static boolean honoursOption(SmsProvider provider, String operation, String option) {
        SmsOperation declared = provider.operations().get(operation);
        return GENERIC_OPTIONS.contains(option) || provider.options().contains(option)
               || declared != null && declared.options().contains(option);
    }

    static boolean honoursHeader(SmsProvider provider, String header) {
        return provider.operations().values().stream().anyMatch(op -> op.headers().contains(header));
    }

    static boolean honoursHeader(SmsProvider provider, String operation, String header) {
        SmsOperation declared = provider.operations().get(operation);
        return declared != null && declared.headers().contains(header);
    }

    /**
     * Refuses, when a producer endpoint starts, any option set on the endpoint itself (its URI parameters) that the
     * operation does not honour. Options set on the component are defaults for every provider and are not checked.
     */
    static void checkOptions(SmsProvider provider, String operation, Set<String> setOnEndpoint) {
        for (String given : new TreeSet<>(setOnEndpoint)) {
            String option = canonical(given);
            if (option != null && !honoursOption(provider, operation, option)) {
                throw SmsErrors.invalid(provider.name(), operation, option, "option '" + option
                                                                            + "' is not supported by "
                                                                            + provider.name() + " " + operation
                                                                            + " (supported by: "
                                                                            + supportedBy(option, false)
                                                                            + "): remove it from the endpoint");
            }
        }
    }

    /**
     * Refuses, when a consumer endpoint starts, options set on it that only producers read (a consumer sends nothing).
     */
    static void checkConsumerOptions(SmsProvider provider, String operation, Set<String> setOnEndpoint) {
        for (String given : new TreeSet<>(setOnEndpoint)) {
            String option = canonical(given);
            Field field = option == null ? null : OPTIONS.get(option);
            UriParam param = field == null ? null : field.getAnnotation(UriParam.class);
            if (param != null && param.label().startsWith("producer") && !param.label().contains("consumer")) {
                throw SmsErrors.invalid(provider.name(), operation, option, "option '" + option
                                                                            + "' is read by producers only, and "
                                                                            + provider.name() + " " + operation
                                                                            + " receives webhooks: remove it from"
                                                                            + " the endpoint");
            }
        }
    }

    /**
     * Refuses provider options that nobody would read: on the endpoint, one its provider does not declare; on the
     * component, one without a provider prefix, for an unknown provider or that the named provider does not declare.
     */
    static void checkProviderOptions(SmsProvider provider, SmsConfiguration configuration, Set<String> setOnEndpoint) {
        String operation = configuration.getOperation();
        for (String key : new TreeSet<>(configuration.providerOptionKeys())) {
            String name = SmsConfiguration.camelCase(key);
            if (setOnEndpoint.contains(key)) {
                if (!declares(provider, name)) {
                    throw SmsErrors.invalid(provider.name(), operation, "provider." + key, "option 'provider." + key
                            + "' is not an option of " + provider.name() + " (" + declaredBy(name)
                            + "): remove it from the endpoint");
                }
                continue;
            }
            int dot = name.indexOf('.');
            SmsProvider named = dot < 0 ? null : SmsProviders.find(name.substring(0, dot));
            Object value = configuration.getProviderOptions().get(key);
            boolean nested = dot < 0 && SmsProviders.find(name) != null && value instanceof Map<?, ?>;
            if (nested) {
                SmsProvider owner = SmsProviders.find(name);
                for (Object inner : ((Map<?, ?>) value).keySet()) {
                    String option = SmsConfiguration.camelCase(String.valueOf(inner));
                    if (!declares(owner, option) && !honoursAnywhere(owner, option)) {
                        throw unknownOnComponent(provider, operation, key + "." + inner, owner.name() + " has no option '"
                                                                                         + option + "'");
                    }
                }
            } else if (named == null) {
                throw unknownOnComponent(provider, operation, key, dot < 0
                        ? "on the component, prefix it with the provider's name, such as "
                          + provider.name() + "." + key
                        : "there is no provider '" + name.substring(0, dot) + "' (providers: "
                          + String.join(", ", SmsProviders.names()) + ")");
            } else if (!declares(named, name.substring(dot + 1)) && !honoursAnywhere(named, name.substring(dot + 1))) {
                throw unknownOnComponent(provider, operation, key, named.name() + " has no option '"
                                                                   + name.substring(dot + 1) + "'");
            }
        }
    }

    private static SmsValidationException unknownOnComponent(SmsProvider provider, String operation, String key,
                                                             String why) {
        return SmsErrors.invalid(provider.name(), operation, "providerOptions." + key,
                "the component's provider option '" + key + "' is not used: " + why);
    }

    /**
     * Sets the component's provider-scoped values of {@link SmsConfiguration} options ({@code twilio.authToken} in
     * providerOptions) on an endpoint of that provider, before its URI's own options, so that several providers'
     * credentials and defaults live on the component at once.
     */
    static void applyProviderScoped(CamelContext context, SmsConfiguration configuration, SmsProvider provider) {
        configuration.scopedTo(provider.name()).forEach((name, value) -> {
            Field field = OPTIONS.get(name);
            if (field != null && field.isAnnotationPresent(UriParam.class) && !declares(provider, name)) {
                try {
                    field.set(configuration, context.getTypeConverter().mandatoryConvertTo(field.getType(), value));
                } catch (Exception e) {
                    throw SmsErrors.invalid(provider.name(), configuration.getOperation(), "providerOptions."
                                                                                           + provider.name() + "." + name,
                            "the component's provider option '" + provider.name() + "." + name + "' must be a "
                                                                                                     + field.getType().getSimpleName());
                }
            }
        });
    }

    /** Whether some operation or consumer of the provider honours the SmsConfiguration option. */
    static boolean honoursAnywhere(SmsProvider provider, String option) {
        Field field = OPTIONS.get(option);
        if (field == null || !field.isAnnotationPresent(UriParam.class) || option.equals("providerOptions")) {
            return false;
        }
        if (field.getAnnotation(UriParam.class).label().contains("consumer")) {
            return !provider.consumerOperations().isEmpty();
        }
        return provider.operations().keySet().stream().anyMatch(operation -> honoursOption(provider, operation, option));
    }

    static boolean declares(SmsProvider provider, String option) {
        return provider.providerOptions().stream().anyMatch(declared -> declared.name().equals(option));
    }

    private static String declaredBy(String option) {
        List<String> owners = new ArrayList<>();
        for (String name : SmsProviders.names()) {
            if (declares(SmsProviders.find(name), option)) {
                owners.add(name);
            }
        }
        return owners.isEmpty() ? "no provider declares it" : "declared by: " + String.join(", ", owners);
    }

    /**
     * Resets the options the operation does not honour to their defaults, so that the provider never reads a
     * component-wide default meant for another provider.
     */
    static void clearForeign(SmsConfiguration configuration, SmsProvider provider, String operation) {
        SmsConfiguration defaults = new SmsConfiguration();
        try {
            for (Map.Entry<String, Field> option : OPTIONS.entrySet()) {
                Field field = option.getValue();
                if (field.isAnnotationPresent(UriParam.class)
                    && !honoursOption(provider, operation, option.getKey())) {
                    field.set(configuration, field.get(defaults));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The headers to refuse when present on an exchange sent to the provider: those only other providers read.
     * Headers stay on the exchange from step to step of a route, so one that another operation of the same provider
     * reads (the group name of an earlier createGroup, the recipients of an earlier send) is let pass.
     */
    static List<String> foreignHeaders(SmsProvider provider) {
        List<String> foreign = new ArrayList<>();
        for (String header : inputHeaders()) {
            if (!honoursHeader(provider, header) && !ALSO_RESULTS.contains(header)) {
                foreign.add(header);
            }
        }
        return foreign;
    }

    /** Refuses the first of the foreign headers present on the message, before any request. */
    static void checkHeaders(Message message, SmsProvider provider, String operation, List<String> foreignHeaders) {
        for (String header : foreignHeaders) {
            if (message.getHeader(header) != null) {
                throw SmsErrors.invalid(provider.name(), operation, header, "header '" + header
                                                                            + "' is not supported by "
                                                                            + provider.name()
                                                                            + " (supported by: "
                                                                            + supportedBy(header, true)
                                                                            + "): remove it before this endpoint");
            }
        }
    }

    /** The headers some operation of some provider reads. */
    static Set<String> inputHeaders() {
        Set<String> inputs = new TreeSet<>();
        for (String name : SmsProviders.names()) {
            SmsProviders.find(name).operations().values().forEach(op -> inputs.addAll(op.headers()));
        }
        return inputs;
    }

    /** Who honours the input, for example "cpsms send, sendGroup; twilio send". */
    static String supportedBy(String input, boolean header) {
        Map<String, List<String>> byProvider = new LinkedHashMap<>();
        for (String name : SmsProviders.names()) {
            SmsProvider provider = SmsProviders.find(name);
            for (String operation : provider.operations().keySet()) {
                boolean honours = header ? honoursHeader(provider, operation, input)
                        : honoursOption(provider, operation, input);
                if (honours) {
                    byProvider.computeIfAbsent(name, n -> new ArrayList<>()).add(operation);
                }
            }
        }
        if (byProvider.isEmpty()) {
            Field field = OPTIONS.get(input);
            boolean consumer = field != null && field.getAnnotation(UriParam.class).label().contains("consumer");
            return consumer ? "the consumers only" : "none";
        }
        List<String> parts = new ArrayList<>();
        byProvider.forEach((name, operations) -> parts.add(name + " " + String.join(", ", operations)));
        return String.join("; ", parts);
    }

    private static String canonical(String given) {
        for (String option : OPTIONS.keySet()) {
            if (option.equalsIgnoreCase(given)) {
                return option;
            }
        }
        for (String option : GENERIC_OPTIONS) {
            if (option.equalsIgnoreCase(given)) {
                return option;
            }
        }
        return null; // not ours: Camel has refused or used it already
    }

    private static Map<String, Field> optionFields() {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field field : SmsConfiguration.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(UriParam.class) || field.isAnnotationPresent(UriPath.class)) {
                field.setAccessible(true);
                fields.put(field.getName(), field);
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static Set<String> headerNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : SmsConstants.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(Metadata.class)) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
