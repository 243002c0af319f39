package io.wirewatch.admin;

import java.util.Map;

/** A draft with problems was sent; {@link #problems()} maps each field to its message. */
public class InvalidDraftException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidDraftException(Map<String, String> problems) {
        super("Invalid test alert: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
