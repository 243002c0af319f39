package io.wirewatch.alert;

/** What an alert delivery does to the story it names. */
public enum AlertAction {
    CREATED, UPDATED, RETRACTED
}
