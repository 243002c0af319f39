package io.wirewatch.alert;

import io.wirewatch.base.Unicode;
import org.jsoup.Jsoup;

/**
 * Turns what a feed or a person sends into plain text: from feeds, markup is reduced to its text
 * and entities are decoded; from anyone, control characters go and runs of white space fold into
 * one space. Nothing is ever rendered as HTML, so this is about readability; safety comes from
 * setting text.
 */
public final class AlertText {

    private AlertText() {
    }

    /** Feed text: markup reduced to its text, then {@link #normalize normalized}. */
    public static String plain(String raw) {
        String text = raw.indexOf('<') >= 0 || raw.indexOf('&') >= 0 ? Jsoup.parseBodyFragment(raw).text() : raw;
        return normalize(text);
    }

    /**
     * Text a person typed: kept as typed (a "&lt;" stays a "&lt;"), only control characters removed and
     * white space folded. It is shown with {@code setText}, so it can never become markup. Half of a
     * surrogate pair on its own (JSON's {@code "\ud83d"} escape allows one) becomes U+FFFD: it is not
     * a character, and text holding one cannot be encoded as UTF-8 for a socket or a database.
     */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            }
        }
        return out.toString();
    }

    /**
     * Whether the text can be kept and sent as it is: no control characters and no half of a
     * surrogate pair on its own. For what identifies a story, which is compared as sent and so is
     * not {@link #normalize normalized}: PostgreSQL refuses text with a NUL character, and no socket or
     * database can encode half a pair as UTF-8.
     */
    public static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return !Unicode.hasUnpairedSurrogate(text);
    }
}
