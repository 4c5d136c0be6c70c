package io.github.camelsms.sms.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsPhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+4522334488|+4522334488",
            "+45 22 33 44 88|+4522334488",
            "0045 2233-4488|+4522334488",
            "+45 22.33.44.88|+4522334488",
            "+46 70 123 45 67|+46701234567",
            "+1 (800) 555-1212|+18005551212" })
    void writtenWithACountryCodeBecomesE164(String raw, String e164) {
        assertThat(SmsPhoneNumbers.toE164(raw, null, false)).isEqualTo(e164);
        assertThat(SmsPhoneNumbers.toE164(raw, "DK", false)).isEqualTo(e164);
    }

    @Test
    void nationalNumbersNeedTheDefaultRegion() {
        assertThat(SmsPhoneNumbers.toE164("22 33 44 88", "DK", false)).isEqualTo("+4522334488");
        assertThat(SmsPhoneNumbers.toE164("22 33 44 88", "dk", false)).isEqualTo("+4522334488");
        assertThat(SmsPhoneNumbers.toE164("070-123 45 67", "SE", false)).isEqualTo("+46701234567");
        assertThat(SmsPhoneNumbers.toE164("22 33 44 88", null, false)).isNull();
    }

    @Test
    void cpsmsDigitsMayStartWithTheCountryCode() {
        assertThat(SmsPhoneNumbers.toE164("4522334488", null, true)).isEqualTo("+4522334488");
        // not a Danish national number (10 digits), so read as country code and number
        assertThat(SmsPhoneNumbers.toE164("4522334488", "DK", true)).isEqualTo("+4522334488");
        assertThat(SmsPhoneNumbers.toE164("22334488", "DK", true)).isEqualTo("+4522334488");
        assertThat(SmsPhoneNumbers.toE164("4522334488", null, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "+", "abc", "+45 2233", "+452233448", "+451234567890", "1-800-FLOWERS",
                             "+4522334488 ext. 12", "+45\u000022334488", "+45 22334488\n+4599887766",
                             "12345678901234567890123", "+999 22334488" })
    void impossibleNumbersAreRefused(String raw) {
        assertThat(SmsPhoneNumbers.toE164(raw, "DK", true)).isNull();
        assertThat(SmsPhoneNumbers.toE164(raw, null, false)).isNull();
    }

    @Test
    void aRememberedNumberIsReadUnderItsOwnOptionsOnly() {
        for (int round = 0; round < 3; round++) {
            assertThat(SmsPhoneNumbers.toE164("4522334488", null, true)).isEqualTo("+4522334488");
            assertThat(SmsPhoneNumbers.toE164("4522334488", null, false)).isNull();
            assertThat(SmsPhoneNumbers.toE164("22 33 44 88", "DK", false)).isEqualTo("+4522334488");
            assertThat(SmsPhoneNumbers.toE164("22 33 44 88", "SE", false)).isNotEqualTo("+4522334488");
            assertThat(SmsPhoneNumbers.toE164("22 33 44 88", null, false)).isNull();
            assertThat(SmsPhoneNumbers.toE164("abc", "DK", true)).isNull();
        }
    }

    @Test
    void theMemoryOfNumbersStaysBounded() {
        for (int i = 0; i < 3 * SmsPhoneNumbers.CACHE_SIZE; i++) {
            String number = "+4522" + String.format("%06d", i);
            assertThat(SmsPhoneNumbers.toE164(number, null, false)).isEqualTo(number);
            assertThat(SmsPhoneNumbers.cached()).isLessThanOrEqualTo(SmsPhoneNumbers.CACHE_SIZE);
        }
    }

    @Test
    void longInputIsRefusedWithoutBeingRemembered() {
        String huge = "+45" + "2".repeat(1_000_000);
        String padded = " ".repeat(70) + "+4522334488";

        assertThat(SmsPhoneNumbers.toE164(huge, "DK", true)).isNull();
        assertThat(SmsPhoneNumbers.toE164(padded, "DK", true)).isEqualTo("+4522334488"); // blanks are stripped
        assertThat(SmsPhoneNumbers.remembers(huge, "DK", true)).isFalse();
        assertThat(SmsPhoneNumbers.remembers(padded, "DK", true)).isFalse();
        assertThat(SmsPhoneNumbers.toE164("+4522334488", "DK", true)).isEqualTo("+4522334488");
        assertThat(SmsPhoneNumbers.remembers("+4522334488", "DK", true)).isTrue();
    }
}
