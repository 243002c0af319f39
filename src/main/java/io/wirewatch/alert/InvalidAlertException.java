package io.wirewatch.alert;

/** Thrown when an alert would break one of the {@link AlertRule}s. */
public class InvalidAlertException extends IllegalArgumentException {

    private final AlertRule rule;

    public InvalidAlertException(AlertRule rule) {
        super(rule.message());
        this.rule = rule;
    }

    public AlertRule rule() {
        return rule;
    }
}
