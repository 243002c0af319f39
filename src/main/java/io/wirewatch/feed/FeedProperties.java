package io.wirewatch.feed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Upstream feeds and the reliability settings every feed client uses ({@code wirewatch.feed.*}).
 * Each default is a decision recorded in DESIGN.md; README's configuration table lists them.
 *
 * @param upstreams       feeds besides the embedded demo feed
 * @param connectTimeout  a connection attempt that takes longer fails
 * @param reconnectBase   the first retry waits up to this long; each further one up to twice as long
 * @param reconnectCap    no retry waits longer than this
 * @param stableAfter     a connection that lived this long resets the retry count
 * @param pingInterval    how often the client pings an idle upstream
 * @param silenceTimeout  a connection with no frame (or pong) for this long is dead and replaced
 * @param maxMessageSize  larger messages are dropped and counted; the connection stays
 * @param healthGrace     a feed not live for longer than this makes the health check DOWN
 */
@Validated
@ConfigurationProperties("wirewatch.feed")
public record FeedProperties(
        @DefaultValue @Valid List<Upstream> upstreams,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("500ms") Duration reconnectBase,
        @DefaultValue("30s") Duration reconnectCap,
        @DefaultValue("60s") Duration stableAfter,
        @DefaultValue("15s") Duration pingInterval,
        @DefaultValue("25s") Duration silenceTimeout,
        @DefaultValue("64KB") DataSize maxMessageSize,
        @DefaultValue("60s") Duration healthGrace) {

    /** The protocols a feed may speak. */
    public enum Protocol {
        WIREWATCH_JSON
    }

    /**
     * One upstream connection.
     *
     * @param name     short key; stories are deduplicated per feed, and it shows on cards
     * @param headers  sent with the WebSocket handshake, e.g. an API key
     */
    public record Upstream(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}") String name,
            @NotNull URI url,
            @DefaultValue("wirewatch-json") Protocol protocol,
            @DefaultValue Map<String, String> headers) {
    }
}
