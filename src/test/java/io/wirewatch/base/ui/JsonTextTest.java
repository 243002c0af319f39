package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.internal.JacksonCodec;
import com.vaadin.flow.internal.JacksonUtils;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

class JsonTextTest {

    /** Everything JSON must escape, DEL, markup, the line and paragraph separators, and text outside the BMP. */
    private static final String HOSTILE = "\"quoted\" \\ back\\\"slash\u0000\u001f\n\t</script><b x='1'>\u2028\u2029\u007f 😀 Zürich";

    private static final JsonMapper READER = JsonMapper.builder().build();

    /** The message a tab gets: the argument, as Vaadin encodes it, inside a JSON array written by Vaadin's mapper. */
    private static JsonNode sentAndRead(JsonNode argument) {
        ArrayNode message = JacksonUtils.getMapper().createArrayNode();
        message.add(JacksonCodec.encodeWithTypeInfo(argument));
        return READER.readTree(message.toString()).get(0);
    }

    @Test
    void a_tab_reads_back_exactly_the_text_that_was_escaped() {
        assertThat(sentAndRead(JsonText.of(HOSTILE).asArgument()).stringValue()).isEqualTo(HOSTILE);
        assertThat(sentAndRead(JsonText.of("").asArgument()).stringValue()).isEmpty();
    }

    @Test
    void joined_texts_read_back_as_one_string_in_their_order() {
        List<JsonText> texts = List.of(JsonText.of(HOSTILE), JsonText.of("<p>second</p>"), JsonText.of(""),
                JsonText.of("\\"));
        assertThat(sentAndRead(JsonText.join(texts)).stringValue()).isEqualTo(HOSTILE + "<p>second</p>\\");
        assertThat(sentAndRead(JsonText.join(List.of())).stringValue()).isEmpty();
    }

    @Test
    void plain_text_and_arrays_arrive_as_json_strings_and_arrays() {
        JsonNode read = sentAndRead(JsonText.array(
                List.of(JsonText.plain(HOSTILE), JsonText.array(List.of(JsonText.plain("id"), JsonText.of("x").asArgument())))));
        assertThat(read.isArray()).isTrue();
        assertThat(read.get(0).stringValue()).isEqualTo(HOSTILE);
        assertThat(read.get(1).get(0).stringValue()).isEqualTo("id");
        assertThat(read.get(1).get(1).stringValue()).isEqualTo("x");
    }

    @Test
    void escaped_text_ends_up_in_the_message_once_not_escaped_again() {
        ArrayNode message = JacksonUtils.getMapper().createArrayNode();
        message.add(JsonText.of("a\"b").asArgument());
        assertThat(message.toString()).isEqualTo("[\"a\\\"b\"]");
    }
}
