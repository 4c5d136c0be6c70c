package io.github.camelsms.sms.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an {@link SmsSimulator} for a test class and closes it afterwards (which fails the
 * class when a {@link RequestCheck} objected to a request).
 * <p>
 * Registered on a static field, the simulator is there before anything of the test class runs, so a Camel context
 * built in a {@code @BeforeAll}, {@code @BeforeEach} or by camel-test-junit5 can point at it:
 *
 * <pre>
 * &#64;RegisterExtension
 * static SmsSimulatorExtension sms = new SmsSimulatorExtension();
 *
 * // sms.simulator().cpsms().addAccount("demo", "demo-key", new BigDecimal("100"));
 * // "sms:cpsms/send?baseUrl=" + sms.simulator().baseUrl() + "&amp;username=demo&amp;apiKey=demo-key"
 * </pre>
 *
 * With {@code @ExtendWith(SmsSimulatorExtension.class)} the simulator is passed to any parameter of type
 * {@link SmsSimulator} (constructor, lifecycle and test methods). On an instance field, each test method gets a
 * simulator of its own.
 */
public class SmsSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE
            = ExtensionContext.Namespace.create(SmsSimulatorExtension.class);

    private volatile SmsSimulator simulator;

    /** The running simulator; fails when called outside the tests the extension is registered for. */
    public SmsSimulator simulator() {
        SmsSimulator running = simulator;
        if (running == null) {
            throw new IllegalStateException("The SMS simulator runs only while the tests of the class that registered"
                                            + " the extension run");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNone(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopOwn(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIfNone(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopOwn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SmsSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SmsSimulator found = extensionContext.getStore(NAMESPACE).get(this, SmsSimulator.class);
        return found != null ? found : simulator();
    }

    // a class-level simulator (also for nested classes) or, for an instance-field registration, one per test method
    private void startIfNone(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(this, SmsSimulator.class) == null) {
            SmsSimulator started = SmsSimulator.start();
            context.getStore(NAMESPACE).put(this, started);
            context.getStore(NAMESPACE).put(key(), Boolean.TRUE);
            simulator = started;
        }
    }

    private void stopOwn(ExtensionContext context) {
        if (context.getStore(NAMESPACE).remove(key(), Boolean.class) != null) {
            SmsSimulator own = context.getStore(NAMESPACE).remove(this, SmsSimulator.class);
            simulator = null;
            own.close();
        }
    }

    // marks the context that started the simulator, which alone closes it
    private String key() {
        return "owner-" + System.identityHashCode(this);
    }
}
