package io.wirewatch.feed;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertText;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.InvalidAlertException;
import io.wirewatch.alert.Priority;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code wirewatch-json} protocol of the embedded demo feed (and of the tutorial this project
 * grew from): a text frame holds one JSON object or an array of them,
 * {@code {seq, id, title, description, category, priority, url, symbols, publishedAt, updatedAt,
 * action}}, of which only {@code title} is required. {@code ?since=<seq>} resumes after a reconnect.
 * Each bad item is rejected on its own; the good items of the same frame still arrive. An item
 * {@code {"type":"gap","missed":N}} is the upstream saying that a resume could not replay N alerts.
 */
public final class WirewatchJsonProtocol implements FeedProtocol {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GAP_TYPE = "gap";

    private final String source;

    /** @param source the feed name: stories are deduplicated within it by their {@code id} */
    public WirewatchJsonProtocol(String source) {
        this.source = source;
    }

    @Override
    public URI connectUri(URI base, @Nullable Long cursor) {
        if (cursor == null) {
            return base;
        }
        return UriComponentsBuilder.fromUri(base).replaceQueryParam("since", cursor).build(true).toUri();
    }

    @Override
    public Decoded decode(String frame, Instant receivedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JacksonException malformed) {
            return Decoded.rejected(RejectReason.MALFORMED_JSON);
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return Decoded.rejected(RejectReason.WRONG_TYPE);
        }
        List<Alert> alerts = new ArrayList<>();
        List<RejectReason> rejections = new ArrayList<>();
        Long cursor = null;
        long missed = 0;
        for (JsonNode item : root.isArray() ? root.values() : List.of(root)) {
            if (item.isObject() && GAP_TYPE.equals(item.path("type").asString(null))) {
                JsonNode count = item.get("missed");
                if (count != null && count.isIntegralNumber() && count.longValue() > 0) {
                    missed += count.longValue();
                } else {
                    rejections.add(RejectReason.WRONG_TYPE);
                }
                continue;
            }
            Long seq = item.isObject() ? sequenceOf(item) : null;
            if (seq != null && (cursor == null || seq > cursor)) {
                cursor = seq;
            }
            try {
                alerts.add(toAlert(item, receivedAt));
            } catch (Rejected rejected) {
                rejections.add(rejected.reason);
            } catch (InvalidAlertException invalid) {
                rejections.add(switch (invalid.rule()) {
                    case HEADLINE_REQUIRED -> RejectReason.MISSING_TITLE;
                    case HEADLINE_TOO_LONG, SUMMARY_TOO_LONG, URL_TOO_LONG -> RejectReason.OVERSIZE_FIELD;
                    case URL_NOT_HTTP -> RejectReason.BAD_URL;
                });
            } catch (IllegalArgumentException invalid) {
                rejections.add(RejectReason.OVERSIZE_FIELD);
            }
        }
        return new Decoded(alerts, rejections, cursor, null, missed);
    }

    private Alert toAlert(JsonNode item, Instant receivedAt) {
        if (!item.isObject()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        String title = text(item, "title");
        if (title == null) {
            throw new Rejected(RejectReason.MISSING_TITLE);
        }
        String summary = text(item, "description");
        String url = text(item, "url");
        String categoryText = text(item, "category");
        String priorityText = text(item, "priority");
        Instant publishedAt = instant(item, "publishedAt");
        Instant updatedAt = instant(item, "updatedAt");
        AlertAction action = action(text(item, "action"));
        List<String> symbols = symbols(item);
        Instant published = publishedAt != null ? publishedAt : updatedAt != null ? updatedAt : receivedAt;
        // Without an id, the same title at the same source time is the same story; without a time
        // either, the same title and text are.
        String identity = publishedAt != null || updatedAt != null ? title + "\n" + published
                : title + "\n" + (summary == null ? "" : summary);
        return Alert.received(source, storyId(item, identity), action, title, summary, url,
                category(categoryText), priorityText == null ? Priority.NORMAL
                        : Priority.parse(priorityText).orElse(Priority.NORMAL),
                symbols, published, updatedAt, receivedAt, false);
    }

    private static String storyId(JsonNode item, String identity) {
        JsonNode id = item.get("id");
        if (id != null && !id.isNull() && !(id.isString() && id.stringValue().isBlank())) {
            if (id.isString() && id.stringValue().length() <= Alert.SOURCE_ID_MAX) {
                // Kept as sent, since it is compared as sent: so it must be storable and sendable.
                if (!AlertText.isPrintable(id.stringValue())) {
                    throw new Rejected(RejectReason.BAD_ID);
                }
                return id.stringValue();
            }
            if (id.isIntegralNumber()) {
                return id.asString();
            }
            throw new Rejected(id.isString() ? RejectReason.OVERSIZE_FIELD : RejectReason.WRONG_TYPE);
        }
        return "h" + sha256(identity).substring(0, 32);
    }

    private static @Nullable Long sequenceOf(JsonNode item) {
        JsonNode seq = item.get("seq");
        return seq != null && seq.isIntegralNumber() && seq.canConvertToLong() ? seq.longValue() : null;
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return node.stringValue().isBlank() ? null : node.stringValue();
    }

    private static @Nullable Instant instant(JsonNode item, String field) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isString()) {
            try {
                return Instant.parse(node.stringValue());
            } catch (DateTimeParseException notIso) {
                throw new Rejected(RejectReason.WRONG_TYPE);
            }
        }
        throw new Rejected(RejectReason.WRONG_TYPE);
    }

    private static AlertAction action(@Nullable String text) {
        if (text == null) {
            return AlertAction.CREATED;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "created", "create", "new" -> AlertAction.CREATED;
            case "updated", "update" -> AlertAction.UPDATED;
            case "retracted", "retract", "deleted", "delete" -> AlertAction.RETRACTED;
            default -> throw new Rejected(RejectReason.WRONG_TYPE);
        };
    }

    private static List<String> symbols(JsonNode item) {
        JsonNode node = item.get("symbols");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode symbol : node.values()) {
            if (!symbol.isString()) {
                throw new Rejected(RejectReason.WRONG_TYPE);
            }
            String value = symbol.stringValue().strip().toUpperCase(Locale.ROOT);
            if (!value.matches("[A-Z0-9.\\-]{1,16}")) {
                throw new Rejected(RejectReason.WRONG_TYPE);
            }
            symbols.add(value);
        }
        return symbols;
    }

    static Category category(@Nullable String text) {
        if (text == null) {
            return Category.GENERAL;
        }
        try {
            return Category.of(text);
        } catch (IllegalArgumentException notAKey) {
            return Category.GENERAL;
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Control flow for one bad item; never escapes {@link #decode}. */
    private static final class Rejected extends RuntimeException {
        private final RejectReason reason;

        Rejected(RejectReason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }
}
