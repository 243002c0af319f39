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
    private static final JsonText EMPTY = new JsonText("");

    /** The inside of a JSON string literal (no quotes), decoding to the text it was made from. */
    private final String escaped;

    private JsonText(String escaped) {
        this.escaped = escaped;
    }

    public static JsonText of(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        JsonStringEncoder.getInstance().quoteAsString(text, escaped);
        return new JsonText(escaped.toString());
    }

    /** A script argument: one JSON string holding these texts one after the other. */
    public static JsonNode join(List<JsonText> texts) {
        if (texts.size() == 1) {
            return texts.getFirst().asArgument();
        }
        int length = 2;
        for (JsonText text : texts) {
            length += text.escaped.length();
        }
        StringBuilder json = new StringBuilder(length).append('"');
        texts.forEach(text -> json.append(text.escaped));
        return NODES.rawValueNode(new RawValue(json.append('"').toString()));
    }

    /** A script argument: this text as a JSON string. */
    public JsonNode asArgument() {
        return NODES.rawValueNode(new RawValue('"' + escaped + '"'));
    }

    /** A script argument for text used once: a plain string, which Vaadin need not convert. */
    public static JsonNode plain(String text) {
        return NODES.stringNode(text);
    }

    /** A script argument: a JSON array of these arguments. */
    public static JsonNode array(List<JsonNode> items) {
        return NODES.arrayNode(items.size()).addAll(items);
    }

    @Override
    public String toString() {
        return escaped;
    }
}
