package io.wirewatch.alert;

import org.jsoup.Jsoup;

/**
 * Turns whatever a feed or a form sends into plain text: markup is reduced to its text, entities
 * are decoded, control characters go and runs of white space fold into one space. Nothing a feed
 * sends is ever rendered as HTML, so this is about readability; safety comes from setting text.
 */
public final class AlertText {

    private AlertText() {
    }

    public static String plain(String raw) {
        String text = raw.indexOf('<') >= 0 || raw.indexOf('&') >= 0 ? Jsoup.parseBodyFragment(raw).text() : raw;
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
                out.append(c);
            }
        }
        return out.toString();
    }
}
