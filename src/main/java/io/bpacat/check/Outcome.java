package io.bpacat.check;

import java.util.Locale;
import java.util.Optional;

/** What a checker concluded about one object, as Best Practices Analyzer reports it. */
public enum Outcome {
    NONCOMPLIANT, COMPLIANT, NOT_APPLICABLE, CANNOT_EVALUATE, ERROR;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name used in files and output: {@code noncompliant}, {@code not-applicable}, ... */
    public String label() {
        return label;
    }

    public static Optional<Outcome> of(String label) {
        for (Outcome o : values()) {
            if (o.label().equals(label)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
