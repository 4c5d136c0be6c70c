package io.github.camelsms.sms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 8: generated bad and good input (recipients, texts, senders, references, scheduled times) from a fixed seed.
 * The component either sends a request the simulator accepts as well-formed, or refuses with
 * SmsValidationException before sending; never another exception.
 */
@Timeout(60)
class InputFuzzTest extends SmsTestSupport {

    private static final int CASES_PER_PROVIDER = 250;
    private static final java.util.concurrent.atomic.AtomicInteger SENT = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger REFUSED =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "laml-T0ken-must-not-leak";

    private static final String[] WELL_FORMED_NUMBERS = { "+4522334488", "4599887766", "+46 70 123 45 67",
                                                          "0045 2233 4488", "+1 800 555 1212", "22 33 44 88",
                                                          "+44 7700 900123", "+49 1512 3456789" };

    InputFuzzTest() {
        sim.laml().addAccount(SID, TOKEN);
        sim.cpsms().account(USER).credit(new java.math.BigDecimal("1000000"));
    }

    static Stream<Arguments> cases() {
        Random random = new Random(20261123L);
        List<Arguments> cases = new ArrayList<>();
        for (String provider : List.of("cpsms", "mycpaas")) {
            for (int i = 0; i < CASES_PER_PROVIDER; i++) {
                Map<String, Object> headers = new HashMap<>();
                Object to = recipients(random);
                if (to != null) {
                    headers.put(SmsConstants.TO, to);
                }
                if (random.nextInt(3) == 0) {
                    headers.put(SmsConstants.FROM, sender(random));
                }
                if (random.nextInt(3) == 0) {
                    headers.put(SmsConstants.REFERENCE, text(random, random.nextInt(4) == 0 ? 60 : 20));
                }
                if (random.nextInt(3) == 0) {
                    headers.put(SmsConstants.SCHEDULED_AT, scheduledAt(random));
                }
                cases.add(Arguments.of(provider, i, body(random), headers));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} case {1}")
    @MethodSource("cases")
    void theComponentSendsWellFormedRequestsOrRefusesWithValidation(
            String provider, int index, Object body, Map<String, Object> headers) {
        String uri = provider.equals("cpsms")
                ? cpsms("send", "defaultRegion=DK", "retryAttempts=0")
                : "sms:mycpaas/send?baseUrl=" + sim.baseUrl() + "&accountSid=" + SID + "&authToken=RAW(" + TOKEN
                  + ")&from=RAW(+4570200000)&defaultRegion=DK&retryAttempts=0";
        int before = sim.requests().size();
        Exchange exchange = call(uri, body, headers);
        Exception failure = exchange.getException();
        if (failure == null) {
            assertThat(sim.requests().size()).as("a request went out").isGreaterThan(before);
            SENT.incrementAndGet();
            return;
        }
        assertThat(failure).as("%s for body %s, headers %s", printable(String.valueOf(failure)), printable(body),
                printable(headers)).isInstanceOf(SmsValidationException.class);
        SmsValidationException e = (SmsValidationException) failure;
        assertThat(e.getStatusCode()).as("refused by the simulator (a malformed request): %s",
                        printable(e.getMessage()))
                .isZero();
        assertThat(e.getField()).isNotBlank();
        assertThat(sim.requests()).as("nothing sent on bad input").hasSize(before);
        REFUSED.incrementAndGet();
    }

    /** The generators must exercise both outcomes, or the property says little. */
    @org.junit.jupiter.api.AfterAll
    static void bothOutcomesHappened() {
        if (SENT.get() + REFUSED.get() == 2 * CASES_PER_PROVIDER) {
            assertThat(SENT.get()).as("cases sent").isGreaterThan(CASES_PER_PROVIDER / 5);
            assertThat(REFUSED.get()).as("cases refused").isGreaterThan(CASES_PER_PROVIDER / 5);
        }
    }

    @org.junit.jupiter.api.Test
    void aLoneSurrogateAndAnOutOfRangeTimeAreValidationErrors() {
        SmsValidationException broken = failure(SmsValidationException.class, cpsms("send"), "half an emoji \ud83d",
                Map.of(SmsConstants.TO, "4522334488"));
        assertThat(broken.getField()).isEqualTo("body");
        SmsValidationException time = failure(SmsValidationException.class, cpsms("send"), "Hi",
                Map.of(SmsConstants.TO, "4522334488", SmsConstants.SCHEDULED_AT, Long.MAX_VALUE));
        assertThat(time.getField()).isEqualTo(SmsConstants.SCHEDULED_AT);
        assertThat(sim.requests()).isEmpty();
    }

    private static Object recipients(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        int count = kind < 6 ? 1 : 1 + random.nextInt(5);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(switch (random.nextInt(6)) {
                case 0, 1, 2 -> WELL_FORMED_NUMBERS[random.nextInt(WELL_FORMED_NUMBERS.length)];
                case 3 -> "+" + digits(random, random.nextInt(20));
                case 4 -> text(random, random.nextInt(25));
                default -> String.valueOf(2 + random.nextInt(8)) + digits(random, 7);
            });
        }
        return random.nextBoolean() ? numbers : String.join(random.nextBoolean() ? "," : ", ", numbers);
    }

    private static Object body(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> text(random, 2000 + random.nextInt(2000));
            case 3 -> "Hej æøå ÆØÅ € ^{}[]~|\\ " + text(random, 10);
            case 4 -> "Emoji 😀👍🏽 " + text(random, 30);
            default -> text(random, random.nextInt(200));
        };
    }

    private static String sender(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "CamelSms";
            case 1 -> "+45" + digits(random, 8);
            case 2 -> digits(random, random.nextInt(25));
            default -> text(random, random.nextInt(15));
        };
    }

    private static Object scheduledAt(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Instant.now().plusSeconds(3600 + random.nextInt(100_000));
            case 1 -> Instant.now().minusSeconds(random.nextInt(100_000));
            case 2 -> random.nextLong();
            case 3 -> new Date(random.nextLong());
            case 4 -> OffsetDateTime.now(ZoneOffset.ofHours(random.nextInt(25) - 12)).plusDays(1);
            case 5 -> text(random, random.nextInt(30));
            case 6 -> Long.MAX_VALUE;
            default -> "2099-01-01T10:00:00Z";
        };
    }

    /** Random text: ASCII, control characters, Danish letters, other scripts, emoji and stray surrogates. */
    private static String text(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            switch (random.nextInt(10)) {
                case 0 -> sb.append((char) random.nextInt(32));
                case 1 -> sb.append("æøåÆØÅ€".charAt(random.nextInt(7)));
                case 2 -> sb.appendCodePoint(0x1F600 + random.nextInt(80));
                case 3 -> sb.append("\n\r\t".charAt(random.nextInt(3)));
                case 4 -> sb.appendCodePoint(random.nextInt(0x3000));
                case 5 -> sb.append(",+ %&=?#/\\\"'".charAt(random.nextInt(12)));
                default -> sb.append((char) (32 + random.nextInt(95)));
            }
        }
        if (length > 0 && random.nextInt(8) == 0) {
            // broken Unicode: a lone surrogate somewhere
            sb.insert(random.nextInt(sb.length()), (char) (0xD800 + random.nextInt(0x800)));
        }
        return sb.toString();
    }

    private static String digits(Random random, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** Shortened, with every character outside printable ASCII as \\uXXXX, so reports stay readable. */
    private static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder();
        for (char c : (s.length() > 160 ? s.substring(0, 160) + "..." : s).toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
