package io.wirewatch.feed;

import io.wirewatch.alert.Alert;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one upstream frame held.
 *
 * @param cursor     the highest resume position the frame carried, if the protocol has one
 * @param fatalError set when the upstream said something after which retrying is pointless
 * @param missed     alerts the upstream says it could not replay (its buffer did not reach back)
 */
public record Decoded(List<Alert> alerts, List<RejectReason> rejections, @Nullable Long cursor,
        @Nullable String fatalError, long missed) {

    public Decoded {
        alerts = List.copyOf(alerts);
        rejections = List.copyOf(rejections);
    }

    public static Decoded rejected(RejectReason reason) {
        return new Decoded(List.of(), List.of(reason), null, null, 0);
    }
}
