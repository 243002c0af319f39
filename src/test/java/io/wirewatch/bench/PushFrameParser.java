package io.wirewatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what Vaadin's push WebSocket sends one tab, as the browser's Atmosphere client does, without
 * any I/O: feed it the text exactly as the socket hands it over and it returns complete frames.
 *
 * <p>The push URL asks for {@code X-Atmosphere-TrackMessageSize=true}, so the server sends every
 * message as {@code <length>|<payload>}, the length counting the payload's UTF-16 chars (Java's
 * {@code String.length()}, not bytes). The stream does not respect WebSocket message boundaries:
 * one socket message may hold several frames, and a long frame may come in several pieces (the
 * server fragments large messages and the JDK client hands fragments over as they arrive). The
 * payloads are of three kinds:
 * <ul>
 *   <li>the Atmosphere handshake, first on every connection: {@code <tracking-id>|<heartbeat
 *       interval>|<padding>|}, for example {@code 41|0c13bb78-3cc5-4b68-af3d-0fd11db5f4bb|0|X|};</li>
 *   <li>Atmosphere heartbeats: the padding alone ({@code X}) or white space;</li>
 *   <li>Vaadin UIDL, a plain JSON object {@code {"syncId":..,"clientId":..,"changes":[..],..}}.
 *       Vaadin 25.2 never wraps pushed UIDL; the {@code for(;;);[{..}]} wrapping of older Vaadin
 *       versions (and of some error responses) is unwrapped all the same.</li>
 * </ul>
 * Anything else (a length that is not a number, a payload that is none of these, JSON that does not
 * parse) throws {@link PushProtocolException}, and the parser stays failed: a client that lost track
 * of the stream must not go on counting alerts.
 *
 * <p>Alert cards arrive as arguments of the news list's patch, in the UIDL's {@code execute} list:
 * one invocation is an array of its arguments followed by the script, which calls the patch function
 * the list defined on its element ({@code this.wirewatchPatch($0, $1, ...)}; in recordings 01-08 the
 * whole function's text), for example
 * {@code [null,[],[],"<article class=\"alert-card ...\" data-alert-id=\"..\" ...>...</article>","",{"@v-node":9},"New alert: ..",{"@v-node":6},"return (async function() { this.wirewatchPatch($0, $1, $2, $3, $4, $5, $6)}).apply($7)"]}
 * (whole list or null, removed ids, [id, markup] replacements, markup for the top, markup for the
 * bottom, the live region or null, the announcement or null, the list element). One argument may hold several cards, one after another. {@link #addedCards}
 * lists every {@code <article class="alert-card ..." data-alert-id=".." data-category=".." data-revision="..">}
 * opening tag in the arguments, in order. Feed text inside the markup is escaped, so such a tag is
 * always a card's own, and the first {@code data-alert-id="} after it is the card's id.
 *
 * <p>Not thread-safe: one parser per socket, fed from that socket's listener (which the JDK calls
 * for one message at a time).
 */
public final class PushFrameParser {

    static final String CARD_MARKUP_START = "<article class=\"alert-card";
    private static final Pattern CARD_ID = Pattern.compile("data-alert-id=\"([^\"]+)\"");
    private static final Pattern CARD_REVISION = Pattern.compile("data-revision=\"(\\d+)\"");
    static final String LEGACY_PREFIX = "for(;;);";
    /**
     * How a push calls the card list's patch function ({@code CardList}), which the list defines on
     * its browser element when it is attached.
     */
    private static final String LIST_CALL = "this.wirewatchPatch($0, ";
    /**
     * What the list script did with a whole list's markup when every push carried the whole script
     * (recordings 01-08): those frames are parsed the same way.
     */
    private static final String INLINE_LIST_SCRIPT = "list.innerHTML = $0";
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Kind { HANDSHAKE, HEARTBEAT, UIDL }

    /**
     * One complete frame.
     *
     * @param payload  the text after the length prefix
     * @param uidl     the UIDL object, for {@link Kind#UIDL} only
     * @param cards    alert cards this UIDL puts (new ones and newer revisions), in order; empty for
     *                 other kinds
     */
    public record Frame(Kind kind, String payload, @Nullable JsonNode uidl, List<Card> cards) {

        /** The alert ids of {@link #cards}, in order, each once. */
        public List<String> alertIds() {
            return cards.stream().map(Card::alertId).distinct().toList();
        }

        /** The server's message number for this tab (one more per UIDL message), or -1 if absent. */
        public long syncId() {
            return uidl == null ? -1 : uidl.path("syncId").asLong(-1);
        }
    }

    /** The stream is not what Vaadin's push sends: stop trusting anything read from it. */
    public static final class PushProtocolException extends RuntimeException {
        public PushProtocolException(String message) {
            super(message);
        }

        public PushProtocolException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final StringBuilder pending = new StringBuilder();
    private String padding = "X";
    private boolean handshakeSeen;
    private @Nullable String failure;

    /**
     * Adds the next piece of the stream and returns every frame it completes, in order. A frame
     * begun here and not finished stays buffered until the next call.
     *
     * @throws PushProtocolException on anything that is not Atmosphere/Vaadin push, and on every
     *                               call after that
     */
    public List<Frame> feed(CharSequence chunk) {
        if (failure != null) {
            throw new PushProtocolException("parser already failed: " + failure);
        }
        try {
            pending.append(chunk);
            List<Frame> frames = new ArrayList<>();
            int start = 0;
            while (true) {
                int bar = pending.indexOf("|", start);
                if (bar < 0) {
                    checkPrefix(pending.substring(start), false);
                    break;
                }
                int length = checkPrefix(pending.substring(start, bar), true);
                int end = bar + 1 + length;
                if (end > pending.length()) {
                    break;
                }
                frames.add(classify(pending.substring(bar + 1, end)));
                start = end;
            }
            pending.delete(0, start);
            return frames;
        } catch (PushProtocolException broken) {
            failure = broken.getMessage();
            pending.setLength(0);
            throw broken;
        }
    }

    /** True while part of a frame waits for the rest of it. */
    public boolean hasPartialFrame() {
        return !pending.isEmpty();
    }

    private static int checkPrefix(String prefix, boolean complete) {
        if (prefix.length() > MAX_LENGTH_DIGITS || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')
                || (complete && prefix.isEmpty())) {
            throw new PushProtocolException("push frame does not start with a length: '"
                    + abbreviate(prefix) + "'");
        }
        return complete ? Integer.parseInt(prefix) : 0;
    }

    private Frame classify(String payload) {
        String trimmed = payload.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith(LEGACY_PREFIX)) {
            JsonNode uidl = parseUidl(trimmed);
            return new Frame(Kind.UIDL, payload, uidl, addedCards(uidl));
        }
        if (trimmed.isEmpty() || trimmed.equals(padding)) {
            return new Frame(Kind.HEARTBEAT, payload, null, List.of());
        }
        String[] parts = payload.split("\\|", -1);
        if (!handshakeSeen && parts.length == 4 && !parts[0].isBlank() && parts[1].matches("-?\\d+")
                && parts[3].isEmpty()) {
            handshakeSeen = true;
            padding = parts[2];
            return new Frame(Kind.HANDSHAKE, payload, null, List.of());
        }
        throw new PushProtocolException("push frame is neither UIDL nor Atmosphere protocol: '"
                + abbreviate(payload) + "'");
    }

    /**
     * Reads one UIDL message: a JSON object, or the legacy {@code for(;;);[{..}]} wrapping of one.
     * Also what the {@code v-r=uidl} HTTP responses hold.
     */
    public static JsonNode parseUidl(String text) {
        String json = text.strip();
        boolean legacy = json.startsWith(LEGACY_PREFIX);
        if (legacy) {
            json = json.substring(LEGACY_PREFIX.length());
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException notJson) {
            throw new PushProtocolException("UIDL is not valid JSON: '" + abbreviate(json) + "'", notJson);
        }
        if (legacy) {
            if (node == null || !node.isArray() || node.size() != 1) {
                throw new PushProtocolException("wrapped UIDL is not a one-element array: '"
                        + abbreviate(json) + "'");
            }
            node = node.get(0);
        }
        if (node == null || !node.isObject()) {
            throw new PushProtocolException("UIDL is not a JSON object: '" + abbreviate(json) + "'");
        }
        JsonNode changes = node.get("changes");
        if (changes != null && !changes.isArray()) {
            throw new PushProtocolException("UIDL changes is not an array: '" + abbreviate(json) + "'");
        }
        return node;
    }

    /** One card as pushed: which alert, which revision of it. */
    public record Card(String alertId, int revision) {
    }

    /** The alert cards a UIDL message's scripts put into the page (new ones and newer revisions), in order. */
    public static List<Card> addedCards(JsonNode uidl) {
        List<Card> cards = new ArrayList<>();
        for (JsonNode invocation : uidl.path("execute")) {
            for (JsonNode argument : invocation) {
                collectCards(argument, cards);
            }
        }
        return List.copyOf(cards);
    }

    /**
     * Whether one of the message's scripts replaces the card list's whole content: the list script's
     * first argument is the markup of every card, where a patch passes null.
     */
    public static boolean drawsWholeList(JsonNode uidl) {
        return wholeListNode(uidl) >= 0;
    }

    /**
     * The state node of the list whose whole content one of the message's scripts replaces, or -1 if
     * none does. Vaadin passes the element a script runs on as its last argument,
     * {@code {"@v-node":<id>}}; the browser answers a whole list with a call to that node's server
     * method ({@code CardList.listDrawn}).
     */
    public static int wholeListNode(JsonNode uidl) {
        for (JsonNode invocation : uidl.path("execute")) {
            if (isListScript(invocation) && invocation.get(0).isString()) {
                JsonNode node = invocation.get(invocation.size() - 2).get("@v-node");
                if (node == null || !node.isInt()) {
                    throw new PushProtocolException("list script without its element: '"
                            + abbreviate(invocation.toString()) + "'");
                }
                return node.intValue();
            }
        }
        return -1;
    }

    /**
     * Whether an entry of a message's {@code execute} list patches the card list: a call to its
     * function, or the whole script of earlier versions. The function's definition takes no
     * arguments besides the element, so it is never taken for a patch.
     */
    private static boolean isListScript(JsonNode invocation) {
        if (invocation.size() <= 2) {
            return false;
        }
        String script = invocation.get(invocation.size() - 1).asString("");
        return script.contains(LIST_CALL) || script.contains(INLINE_LIST_SCRIPT);
    }

    /** The ids of the cards a message's list patch removes (the list script's second argument). */
    public static List<String> removedCards(JsonNode uidl) {
        List<String> removed = new ArrayList<>();
        for (JsonNode invocation : uidl.path("execute")) {
            if (isListScript(invocation) && invocation.get(0).isNull() && invocation.get(1).isArray()) {
                invocation.get(1).forEach(id -> removed.add(id.asString()));
            }
        }
        return removed;
    }

    private static void collectCards(JsonNode argument, List<Card> cards) {
        if (argument.isArray()) {
            argument.forEach(element -> collectCards(element, cards));
            return;
        }
        if (!argument.isString()) {
            return;
        }
        String markup = argument.stringValue();
        for (int start = markup.indexOf(CARD_MARKUP_START); start >= 0;
                start = markup.indexOf(CARD_MARKUP_START, start + 1)) {
            int end = markup.indexOf('>', start);
            String tag = end < 0 ? markup.substring(start) : markup.substring(start, end);
            Matcher id = CARD_ID.matcher(tag);
            Matcher revision = CARD_REVISION.matcher(tag);
            if (!id.find() || !revision.find()) {
                throw new PushProtocolException("card markup without its id or revision: '" + abbreviate(tag) + "'");
            }
            cards.add(new Card(unescape(id.group(1)), Integer.parseInt(revision.group(1))));
        }
    }

    /** Undoes the card markup's escaping of an attribute value. */
    static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
