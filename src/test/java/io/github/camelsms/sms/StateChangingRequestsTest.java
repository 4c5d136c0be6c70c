package io.github.camelsms.sms;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsTransportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Issue 10 item 4: a request that changes state at the provider (create, update, delete, cancel, not only a send) is
 * in doubt once it may have reached the provider, and the component never sends it again. Reads are still retried.
 */
@Timeout(30)
class StateChangingRequestsTest extends SmsTestSupport {

    private static final String RETRYING = "retryAttempts=2&retryDelay=5";

    @Test
    void aCreateGroupSlowerThanTheResponseTimeoutIsInDoubtAndCreatesOneGroup() {
        sim.inject(Fault.delay(Duration.ofMillis(800)), 3);
        SmsTransportException e = failure(SmsTransportException.class,
                cpsms("createGroup", RETRYING, "responseTimeout=150"), null, Map.of(SmsConstants.GROUP_NAME, "Ops"));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("may have carried out the createGroup");
        assertThat(sim.requestsTo("/addgroup")).hasSize(1);
        // the slow server still creates the group it was asked for: exactly one
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.cpsms().account(USER).groups().isEmpty());
        assertThat(sim.cpsms().account(USER).groups()).hasSize(1);
        assertThat(sim.requestsTo("/addgroup")).hasSize(1);
    }

    static Stream<Arguments> stateChangingOperations() {
        return Stream.of(
                arguments("createGroup", Map.of(SmsConstants.GROUP_NAME, "Ops"), "/addgroup"),
                arguments("updateGroup", Map.of(SmsConstants.GROUP_ID, "1", SmsConstants.GROUP_NAME, "Ops"),
                        "/updategroup"),
                arguments("deleteGroup", Map.of(SmsConstants.GROUP_ID, "1"), "/deletegroup"),
                arguments("createContact", Map.of(SmsConstants.GROUP_ID, "1", SmsConstants.PHONE_NUMBER, "4522334488"),
                        "/addcontact"),
                arguments("updateContact", Map.of(SmsConstants.GROUP_ID, "1", SmsConstants.PHONE_NUMBER, "4522334488",
                        SmsConstants.CONTACT_NAME, "Ann"), "/updatecontact"),
                arguments("deleteContact", Map.of(SmsConstants.GROUP_ID, "1", SmsConstants.PHONE_NUMBER, "4522334488"),
                        "/deletecontact"),
                arguments("cancelScheduled", Map.of(SmsConstants.REFERENCE, "order-1"), "/deletesms"));
    }

    @ParameterizedTest
    @MethodSource("stateChangingOperations")
    void aServerErrorToAStateChangingRequestIsInDoubtAndNotRetried(
            String operation, Map<String, Object> headers, String path) {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"), 3);
        SmsProviderException e = failure(SmsProviderException.class, cpsms(operation, RETRYING), null, headers);

        assertThat(e.isInDoubt()).as(operation).isTrue();
        assertThat(e.isRetryable()).as(operation).isFalse();
        assertThat(sim.requests()).as(operation).hasSize(1);
        assertThat(sim.requests().get(0).path()).startsWith(path);
    }

    @ParameterizedTest
    @MethodSource("stateChangingOperations")
    void aDroppedConnectionToAStateChangingRequestIsInDoubtAndNotRetried(
            String operation, Map<String, Object> headers, String path) {
        sim.inject(Fault.dropAfterHandling(), 3);
        SmsTransportException e = failure(SmsTransportException.class, cpsms(operation, RETRYING), null, headers);

        assertThat(e.isInDoubt()).as(operation).isTrue();
        assertThat(sim.requests()).as(operation).hasSize(1);
    }

    @Test
    void aLamlDeleteMessageSlowerThanTheResponseTimeoutIsInDoubtAndSentOnce() {
        sim.inject(Fault.delay(Duration.ofMillis(800)), 3);
        SmsTransportException e = failure(SmsTransportException.class,
                mycpaas("deleteMessage", RETRYING, "responseTimeout=150"), null,
                Map.of(SmsConstants.MESSAGE_ID, "SM0123456789abcdef0123456789abcdef"));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.requests().get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void aReadIsStillRetried() {
        sim.inject(Fault.status(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"), 1);
        Exchange exchange = call(cpsms("listGroups", RETRYING), null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).hasSize(2);
    }
}
