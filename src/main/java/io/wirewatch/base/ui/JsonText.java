package io.wirewatch.base.ui;

import java.util.List;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * Text escaped for a JSON string once, then sent to any number of tabs as {@code executeJs}
 * arguments without being escaped again.
 *
 * <p>Vaadin turns each script argument into JSON for every tab it goes to: a {@code String}
 * through its object mapper's {@code valueToTree}, twice (once to check it, once to send it), then
 * character by character into the tab's message. A card's markup is the same in every tab, so
 * {@link #of} escapes it once per alert and {@link #join} hands Vaadin the result as a finished JSON
 * value, which Jackson copies into each message as it is. Only text that went through {@link #of}
 * can reach a message this way: the escaping is Jackson's own, the one its generator applies.
 */
public final class JsonText {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonText EMPTY = new JsonText("\"\"");

    /** A JSON string literal, quotes included, decoding to the text it was made from. */
    private final String quoted;
    /** The literal as a script argument; immutable, so every tab can be handed the same one. */
    private final JsonNode argument;

    private JsonText(String quoted) {
        this.quoted = quoted;
        this.argument = NODES.rawValueNode(new RawValue(quoted));
    }

    public static JsonText of(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 16).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, quoted);
        return new JsonText(quoted.append('"').toString());
    }

    /** A script argument: one JSON string holding these texts one after the other. */
    public static JsonNode join(List<JsonText> texts) {
        if (texts.size() == 1) {
            return texts.getFirst().asArgument();
        }
        int length = 2;
        for (JsonText text : texts) {
            length += text.quoted.length() - 2;
        }
        StringBuilder json = new StringBuilder(length).append('"');
        texts.forEach(text -> json.append(text.quoted, 1, text.quoted.length() - 1));
        return NODES.rawValueNode(new RawValue(json.append('"').toString()));
    }

    /** A script argument: this text as a JSON string. */
    public JsonNode asArgument() {
        return argument;
    }

    /** A script argument for text used once: a plain string, which Vaadin need not convert. */
    public static JsonNode plain(String text) {
        return NODES.stringNode(text);
    }

    /** A script argument: a JSON array of these arguments. */
    public static JsonNode array(List<JsonNode> items) {
        return NODES.arrayNode(items.size()).addAll(items);
    }
}
