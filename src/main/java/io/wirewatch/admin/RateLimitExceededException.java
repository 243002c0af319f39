package io.wirewatch.admin;

/** An admin sent more test alerts or retractions in a minute than {@code wirewatch.admin.injections-per-minute}. */
public class RateLimitExceededException extends RuntimeException {

    public RateLimitExceededException(int perMinute) {
        super("At most " + perMinute + " test alerts and retractions a minute; try again shortly");
    }
}
