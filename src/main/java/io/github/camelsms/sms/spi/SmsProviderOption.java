package io.github.camelsms.sms.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.github.camelsms.sms.exception.SmsValidationException;

/**
 * An option a provider declares for itself ({@link SmsProvider#providerOptions()}), beyond the options of
 * {@link SmsSettings}. Users set it on the endpoint with the prefix {@code provider.}
 * ({@code sms:vonage/send?provider.apiKey=...}) or on the component with the provider's name as prefix
 * ({@code camel.component.sms.provider-options.vonage.api-key=...}). A secret option is redacted from every answer,
 * exception and log line, and its name must be one Camel masks in its own logs.
 *
 * @param name        the option's name, camelCase
 * @param type        String, Integer, Long or Boolean
 * @param secret      whether the value is a secret
 * @param description what it is and where the user finds it, for the documentation
 */
public record SmsProviderOption(String name, Class<?> type, boolean secret, String description) {

    private static final Set<Class<?>> TYPES = Set.of(String.class, Integer.class, Long.class, Boolean.class);

    public SmsProviderOption {
        Objects.requireNonNull(name, "name");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Option " + name + ": the type must be one of " + TYPES);
        }
    }

    /** A secret String option, such as an API key or token. */
    public static SmsProviderOption secret(String name, String description) {
        return new SmsProviderOption(name, String.class, true, description);
    }

    /** An option that is not a secret. */
    public static SmsProviderOption of(String name, Class<?> type, String description) {
        return new SmsProviderOption(name, type, false, description);
    }

    /**
     * The value set for this option for the configuration's provider, converted to the option's type; null when
     * unset. Throws {@link SmsValidationException} naming the option when the value cannot be converted.
     */
    public Object value(SmsSettings configuration) {
        Object raw = configuration.providerOption(name);
        if (raw == null || type.isInstance(raw)) {
            return raw;
        }
        String text = raw.toString().trim();
        try {
            if (type == String.class) {
                return text;
            } else if (type == Integer.class) {
                return Integer.valueOf(text);
            } else if (type == Long.class) {
                return Long.valueOf(text);
            } else if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        String shown = secret ? "the value given" : "'" + text + "'";
        throw SmsErrors.invalid(configuration.getProvider(), configuration.getOperation(), "provider." + name,
                "option provider." + name + " must be " + (type == Boolean.class ? "true or false" : "a whole number")
                                                                                        + ", not " + shown);
    }

    /** The value of a String option, or null. */
    public String string(SmsSettings configuration) {
        Object value = value(configuration);
        return value == null ? null : value.toString();
    }
}
