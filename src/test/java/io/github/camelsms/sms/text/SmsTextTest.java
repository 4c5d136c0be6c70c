package io.github.camelsms.sms.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTextTest {

    @Test
    void plainAsciiIsGsm7WithOneSeptetPerCharacter() {
        SmsText text = SmsText.of("Hello world");
        assertThat(text.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(text.units()).isEqualTo(11);
        assertThat(text.segments()).isEqualTo(1);
    }

    @Test
    void danishLettersAreInTheGsmBasicTable() {
        SmsText text = SmsText.of("Æbler, øl og ål på Ærø: ÆØÅæøå");
        assertThat(text.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(text.units()).isEqualTo("Æbler, øl og ål på Ærø: ÆØÅæøå".length());
    }

    @ParameterizedTest
    @ValueSource(strings = { "€", "^", "{", "}", "[", "]", "~", "|", "\\" })
    void extensionTableCharactersCountDouble(String c) {
        SmsText text = SmsText.of("a" + c);
        assertThat(text.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(text.units()).isEqualTo(3);
    }

    @Test
    void gsm7SegmentsAt160Then153() {
        assertThat(SmsText.of("x".repeat(160)).segments()).isEqualTo(1);
        assertThat(SmsText.of("x".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsText.of("x".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.of("x".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTipATextOverTheSingleSegmentLimit() {
        assertThat(SmsText.of("x".repeat(158) + "€").units()).isEqualTo(160);
        assertThat(SmsText.of("x".repeat(158) + "€").segments()).isEqualTo(1);
        assertThat(SmsText.of("x".repeat(159) + "€").segments()).isEqualTo(2);
    }

    @Test
    void anEscapedCharacterIsNotSplitAcrossSegments() {
        // 152 septets then € (2): it does not fit in the first 153-septet part and moves to the next
        SmsText text = SmsText.of("x".repeat(152) + "€" + "x".repeat(152));
        assertThat(text.units()).isEqualTo(306);
        assertThat(text.segments()).isEqualTo(3);
    }

    @Test
    void oneCharacterOutsideGsmMakesTheTextUcs2() {
        SmsText text = SmsText.of("Price: 5 ₹");
        assertThat(text.encoding()).isEqualTo(SmsText.UCS2);
        assertThat(text.units()).isEqualTo(10);
    }

    @Test
    void ucs2SegmentsAt70Then67() {
        String cyrillic = "д";
        assertThat(SmsText.of(cyrillic.repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsText.of(cyrillic.repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.of(cyrillic.repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsText.of(cyrillic.repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void emojiTakesTwoUnitsAndIsNotSplit() {
        SmsText one = SmsText.of("Hi 😀");
        assertThat(one.encoding()).isEqualTo(SmsText.UCS2);
        assertThat(one.units()).isEqualTo(5);
        assertThat(one.segments()).isEqualTo(1);
        assertThat(SmsText.of("😀".repeat(35)).segments()).isEqualTo(1);
        assertThat(SmsText.of("😀".repeat(36)).segments()).isEqualTo(2);
        // 66 units then an emoji: the pair does not fit in the 67-unit part and starts the next one
        SmsText text = SmsText.of("д".repeat(66) + "😀" + "д".repeat(66));
        assertThat(text.units()).isEqualTo(134);
        assertThat(text.segments()).isEqualTo(3);
    }

    @Test
    void emptyTextIsOneSegment() {
        assertThat(SmsText.of("").segments()).isEqualTo(1);
    }
}
