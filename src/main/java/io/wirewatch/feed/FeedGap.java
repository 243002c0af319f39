package io.wirewatch.feed;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stretch in which a feed was disconnected and could not replay what it sent meanwhile. */
public record FeedGap(String feed, Instant from, Instant to, @Nullable Long missed) {
}
