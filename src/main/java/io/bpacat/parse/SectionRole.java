package io.bpacat.parse;

import java.util.Locale;
import java.util.Optional;

/** The role a section plays on a rule page, whatever the language of its heading. */
public enum SectionRole {
    ISSUE("issue"), IMPACT("impact"), RESOLUTION("resolution"), SEE_ALSO("seeAlso");

    private final String key;

    SectionRole(String key) {
        this.key = key;
    }

    /** The key used in the vocabulary and in {@code catalog.json}. */
    public String key() {
        return key;
    }

    public static Optional<SectionRole> ofKey(String key) {
        for (SectionRole r : values()) {
            if (r.key.equals(key) || r.name().toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
