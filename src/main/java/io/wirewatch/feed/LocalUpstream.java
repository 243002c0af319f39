package io.wirewatch.feed;

/** A feed served by this application itself, whose address is known once the web server has a port. */
public interface LocalUpstream {

    FeedProperties.Upstream at(int port);
}
