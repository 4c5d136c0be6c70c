package io.github.camelsms.sms.springboot;

import org.springframework.context.ApplicationContext;

/** Resolves {@code #name} and {@code #bean:name} in camel.component.sms.* to the Spring bean of that name. */
final class SmsBeanReferences {

    private SmsBeanReferences() {
    }

    static Object lookup(ApplicationContext applicationContext, String reference, Class<?> type) {
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("A " + type.getName() + " option takes a reference to a bean: write #"
                                               + reference + " for the bean named '" + reference + "'");
        }
        String name = reference.startsWith("#bean:") ? reference.substring(6) : reference.substring(1);
        return applicationContext.getBean(name, type);
    }
}
