package io.wirewatch.feed;

/** Why a frame or an item from a feed was dropped. Counted per feed, shown in feed health. */
public enum RejectReason {
    MALFORMED_JSON("not valid JSON"),
    WRONG_TYPE("a field of the wrong type"),
    MISSING_TITLE("no title"),
    OVERSIZE_FIELD("a field over its length limit"),
    BAD_URL("a link that is not http(s)"),
    BAD_ID("an id with control characters or half a surrogate pair"),
    BINARY_FRAME("a binary frame"),
    OVERSIZE_FRAME("a frame over the message size limit");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
