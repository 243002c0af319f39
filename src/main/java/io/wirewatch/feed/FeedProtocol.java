package io.wirewatch.feed;

import java.net.URI;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** How one kind of upstream speaks: where to connect, what to say first, how to read a frame. */
public interface FeedProtocol {

    /** The address for the next connection, asking to resume after {@code cursor} where possible. */
    URI connectUri(URI base, @Nullable Long cursor);

    /** Called once a connection is open; {@code send} writes a text frame to the upstream. */
    default void onOpen(Consumer<String> send) {
    }

    /**
     * Whether a reconnect with a cursor gets what was sent meanwhile. Where not, each outage is
     * recorded as a {@link FeedGap} for readers to see.
     */
    default boolean canResume() {
        return true;
    }

    /** Reads one complete text frame. Must not throw for anything the upstream sends. */
    Decoded decode(String frame, Instant receivedAt);
}
