package io.bpacat.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One content problem, positioned in a source file.
 *
 * @param file   path relative to the content folder, with forward slashes
 * @param line   1-based line in the real file (0 when the problem concerns the whole file)
 * @param column 1-based column (0 when unknown)
 * @param level  how serious it is
 * @param code   stable code such as {@code BPA012}
 * @param message what is wrong, naming the culprit
 * @param hint   what to do about it (may be empty)
 */
public record Diagnostic(String file, int line, int column, Level level, String code, String message, String hint) {

    /** How serious a diagnostic is. */
    public enum Level {
        ERROR, WARNING, INFO;

        /** Lower-case name as printed and serialized. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Order used everywhere diagnostics are listed: by file, position, code, message. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }
}
