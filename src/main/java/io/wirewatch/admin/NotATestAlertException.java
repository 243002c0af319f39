package io.wirewatch.admin;

/** Only test alerts can be retracted by an admin; real alerts are their feed's to retract. */
public class NotATestAlertException extends IllegalArgumentException {

    public NotATestAlertException(String alertId) {
        super("Only test alerts can be retracted here; " + alertId + " is from a feed");
    }
}
