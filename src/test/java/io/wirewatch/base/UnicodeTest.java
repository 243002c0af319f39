package io.wirewatch.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ASCII", "Zürich", "東京 — 😀", "😀😀", "a\u0000b\u007f"})
    void text_whose_surrogates_all_come_in_pairs_has_none_unpaired(String text) {
        assertThat(Unicode.hasUnpairedSurrogate(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud83d", "\ude00", "end\ud83d", "\ude00start", "mid\ud83dx\ude00", "😀\ude00", "\ud83d\ud83d\ude00"})
    void half_a_pair_anywhere_is_found(String text) {
        assertThat(Unicode.hasUnpairedSurrogate(text)).isTrue();
    }

    @Test
    void long_text_is_read_whole_and_a_pair_may_straddle_any_position() {
        String padding = "x".repeat(1000);
        for (int at = 250; at < 262; at++) {
            String before = padding.substring(0, at);
            assertThat(Unicode.hasUnpairedSurrogate(before + "😀" + padding)).as("pair at %d", at).isFalse();
            assertThat(Unicode.hasUnpairedSurrogate(before + "\ud83d" + padding)).as("high half at %d", at).isTrue();
            assertThat(Unicode.hasUnpairedSurrogate(before + "\ude00" + padding)).as("low half at %d", at).isTrue();
        }
        assertThat(Unicode.hasUnpairedSurrogate(padding + "\ud83d")).as("high half last").isTrue();
        assertThat(Unicode.hasUnpairedSurrogate(padding + "😀")).as("pair last").isFalse();
    }
}
