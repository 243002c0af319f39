package io.wirewatch.feed;

/** Where a feed connection stands. */
public enum FeedState {
    /** The first connection is being made. */
    CONNECTING,
    /** Connected; alerts flow. */
    LIVE,
    /** Lost; a new connection is scheduled. */
    RECONNECTING,
    /** Not trying any more: stopped, or the upstream refused us for good (see the last error). */
    DOWN
}
