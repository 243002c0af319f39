package io.wirewatch.base;

/** A check on UTF-16 text that the push socket and the alert core both need. */
public final class Unicode {

    /** How many chars {@link #hasUnpairedSurrogate} copies out of the string at a time. */
    private static final int CHUNK = 256;

    private Unicode() {
    }

    /**
     * Whether the text holds half of a surrogate pair on its own: not a character, and no UTF-8
     * writer can encode it (Tomcat's refuses it; Java's own turns it into {@code ?}).
     *
     * <p>Every push to every tab passes here, so it scans copies of the chars, a chunk at a time: on a
     * 1.5 K-char push about 0.4 µs, against 1.5 µs (3.4 µs once the text holds a char beyond Latin-1)
     * for {@code charAt} on the {@code String}, which checks the index and the string's encoding for
     * every char. A chunk rather than the whole text ({@code toCharArray}, as fast) keeps the garbage
     * to half a kilobyte per push instead of twice the message ({@code bench/NOTES.md}, finding 22).
     */
    public static boolean hasUnpairedSurrogate(String text) {
        int length = text.length();
        char[] chunk = new char[Math.min(length, CHUNK)];
        boolean highBefore = false;
        for (int start = 0; start < length; start += CHUNK) {
            int end = Math.min(length, start + CHUNK);
            text.getChars(start, end, chunk, 0);
            for (int i = 0; i < end - start; i++) {
                char c = chunk[i];
                if (highBefore) {
                    if (!Character.isLowSurrogate(c)) {
                        return true;
                    }
                    highBefore = false;
                } else if (Character.isSurrogate(c)) {
                    if (Character.isLowSurrogate(c)) {
                        return true;
                    }
                    highBefore = true;
                }
            }
        }
        return highBefore;
    }
}
