package io.wirewatch.base;

/** A check on UTF-16 text that the push socket and the alert core both need. */
public final class Unicode {

    private Unicode() {
    }

    /**
     * Whether the text holds half of a surrogate pair on its own: not a character, and no UTF-8
     * writer can encode it (Tomcat's refuses it; Java's own turns it into {@code ?}).
     *
     * <p>Every push to every tab passes here, so it scans a copy of the chars: on a 1.5 K-char push,
     * about 0.3 µs against 1.2 µs (and 3.9 µs once the text holds a char beyond Latin-1) for
     * {@code charAt} on the {@code String}, which checks the index and the string's encoding for every
     * char ({@code bench/NOTES.md}, finding 22).
     */
    public static boolean hasUnpairedSurrogate(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == chars.length || !Character.isLowSurrogate(chars[i + 1])) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
