package io.github.camelsms.sms.simulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The JUnit 5 extension, run through the JUnit engine: when the simulator is there, that it is one per class (or per
 * test method on an instance field), that it is stopped afterwards, and that a check's objection fails the class.
 */
class SmsSimulatorExtensionTest {

    // what the sample classes saw, by name: the simulator's port, or a message
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void staticFieldServesBeforeAllAndEveryTestThenStops() {
        runTests(StaticField.class).assertStatistics(s -> s.succeeded(2).failed(0));
        int port = (Integer) SEEN.get("static.beforeAll");
        assertThat(SEEN).containsEntry("static.first", port).containsEntry("static.second", port);
        assertThat(refused(port)).as("stopped after the class").isTrue();
    }

    @Test
    void extendWithPassesTheSimulatorToParametersAndNestedClassesShareIt() {
        runTests(ExtendWithParameters.class).assertStatistics(s -> s.succeeded(2).failed(0));
        int port = (Integer) SEEN.get("parameters.beforeAll");
        assertThat(SEEN).containsEntry("parameters.test", port).containsEntry("parameters.nested", port);
        assertThat(refused(port)).isTrue();
    }

    @Test
    void instanceFieldGivesEachTestItsOwnSimulator() {
        runTests(InstanceField.class).assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN.get("instance.a")).isNotEqualTo(SEEN.get("instance.b"));
        assertThat(refused((Integer) SEEN.get("instance.a"))).isTrue();
    }

    @Test
    void anObjectionFailsTheClassWhenTheSimulatorStops() {
        run(Objecting.class).assertThatEvents().haveExactly(1, event(container(Objecting.class),
                finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains("no PUT here")))));
    }

    @Test
    void simulatorOutsideItsTestsIsAClearError() {
        assertThatThrownBy(() -> new SmsSimulatorExtension().simulator()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs only while the tests");
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
    }

    private static Events runTests(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static boolean refused(int port) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static int get(SmsSimulator simulator, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // the sample classes run only through EngineTestKit (surefire takes *Test classes, and these are nested in one)

    static class StaticField {
        @RegisterExtension
        static SmsSimulatorExtension sms = new SmsSimulatorExtension();

        @BeforeAll
        static void seeIt() {
            SEEN.put("static.beforeAll", sms.simulator().port());
        }

        @Test
        void first() throws Exception {
            SEEN.put("static.first", sms.simulator().port());
            assertThat(get(sms.simulator(), "/creditvalue")).isEqualTo(401);
        }

        @Test
        void second() {
            SEEN.put("static.second", sms.simulator().port());
        }
    }

    @ExtendWith(SmsSimulatorExtension.class)
    static class ExtendWithParameters {
        @BeforeAll
        static void seeIt(SmsSimulator simulator) {
            SEEN.put("parameters.beforeAll", simulator.port());
        }

        @Test
        void test(SmsSimulator simulator) {
            SEEN.put("parameters.test", simulator.port());
        }

        @Nested
        class Inner {
            @Test
            void nested(SmsSimulator simulator) {
                SEEN.put("parameters.nested", simulator.port());
            }
        }
    }

    static class InstanceField {
        @RegisterExtension
        SmsSimulatorExtension sms = new SmsSimulatorExtension();

        @Test
        void a() {
            SEEN.put("instance.a", sms.simulator().port());
        }

        @Test
        void b() {
            SEEN.put("instance.b", sms.simulator().port());
        }
    }

    static class Objecting {
        @RegisterExtension
        static SmsSimulatorExtension sms = new SmsSimulatorExtension();

        @Test
        void sendsWhatTheCheckRefuses() throws Exception {
            sms.simulator().addRequestCheck(r -> r.method().equals("PUT") ? List.of("no PUT here") : List.of());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sms.simulator().baseUrl() + "/send"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }
}
