package io.github.camelsms.sms;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CpsmsValidationTest extends SmsTestSupport {

    static Stream<Arguments> badInput() {
        String longText = "x".repeat(1531);
        return Stream.of(
                arguments("send", "", "Hi", Map.of(), "to"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "1234567"), "to"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488,45abc"), "to"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "+45 22 33 44 88 99 00 11 22"), "to"),
                arguments("send", "", "", Map.of(SmsConstants.TO, "4522334488"), "body"),
                arguments("send", "", longText, Map.of(SmsConstants.TO, "4522334488"), "body"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM, "ABCDEFGHIJKL"),
                        "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM, "Shop!"), "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM,
                        "123456789012345678901"), "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM, "+"), "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM, "Æbler"), "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.FROM,
                        "+45\u0663\u0663"), "from"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.REFERENCE,
                        "r".repeat(33)), "reference"),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.SCHEDULED_AT,
                        Instant.now().minusSeconds(60)), SmsConstants.SCHEDULED_AT),
                arguments("send", "", "Hi", Map.of(SmsConstants.TO, "4522334488", SmsConstants.SCHEDULED_AT,
                        "next tuesday"), SmsConstants.SCHEDULED_AT),
                arguments("send", "callbackUrl=ftp://example.org", "Hi", Map.of(SmsConstants.TO, "4522334488"),
                        "callbackUrl"),
                arguments("sendGroup", "", "Hi", Map.of(), SmsConstants.GROUP_ID),
                arguments("sendGroup", "", "Hi", Map.of(SmsConstants.GROUP_ID, "abc"), SmsConstants.GROUP_ID),
                arguments("cancelScheduled", "", null, Map.of(), "reference"),
                arguments("log", "", null, Map.of(SmsConstants.TO, "12"), "to"),
                arguments("log", "", null, Map.of(SmsConstants.LOG_FROM, Instant.now(), SmsConstants.LOG_TO,
                        Instant.now().minusSeconds(3600)), SmsConstants.LOG_FROM),
                arguments("createGroup", "", null, Map.of(), SmsConstants.GROUP_NAME),
                arguments("updateGroup", "", null, Map.of(SmsConstants.GROUP_ID, "1"), SmsConstants.GROUP_NAME),
                arguments("updateGroup", "", null, Map.of(SmsConstants.GROUP_NAME, "x"), SmsConstants.GROUP_ID),
                arguments("deleteGroup", "", null, Map.of(), SmsConstants.GROUP_ID),
                arguments("createContact", "", null, Map.of(SmsConstants.GROUP_ID, "1"), SmsConstants.PHONE_NUMBER),
                arguments("createContact", "", null, Map.of(SmsConstants.GROUP_ID, "1", SmsConstants.PHONE_NUMBER,
                        "12"), SmsConstants.PHONE_NUMBER),
                arguments("listContacts", "", null, Map.of(), SmsConstants.GROUP_ID),
                arguments("updateContact", "", null, Map.of(SmsConstants.PHONE_NUMBER, "4522334488"),
                        SmsConstants.GROUP_ID),
                arguments("deleteContact", "", null, Map.of(SmsConstants.GROUP_ID, "1"), SmsConstants.PHONE_NUMBER));
    }

    @ParameterizedTest(name = "{0} {3} -> {4}")
    @MethodSource("badInput")
    void badInputIsRefusedBeforeAnythingIsSent(
            String operation, String option, Object body, Map<String, Object> headers, String field) {
        String uri = option.isEmpty() ? cpsms(operation) : cpsms(operation, option);

        SmsValidationException e = failure(SmsValidationException.class, uri, body, headers);

        assertThat(e.getField()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith("cpsms " + operation + ": ");
        assertThat(e.getStatusCode()).isZero();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(sim.requests()).as("requests recorded").isEmpty();
    }
}
