package io.bpacat.diag;

import io.bpacat.diag.Diagnostic.Level;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one build; stages report into it, the build reads them once at the end. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void report(Diagnostic d) {
        items.add(d);
    }

    /** Adds everything {@code other} collected, in the order it collected it. */
    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public void error(String file, int line, int column, String code, String message, String hint) {
        report(new Diagnostic(file, line, column, Level.ERROR, code, message, hint));
    }

    public void warning(String file, int line, int column, String code, String message, String hint) {
        report(new Diagnostic(file, line, column, Level.WARNING, code, message, hint));
    }

    public void info(String file, int line, int column, String code, String message, String hint) {
        report(new Diagnostic(file, line, column, Level.INFO, code, message, hint));
    }

    /** All diagnostics so far, sorted and de-duplicated. */
    public List<Diagnostic> sorted() {
        return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
    }

    public long count(Level level) {
        return items.stream().distinct().filter(d -> d.level() == level).count();
    }
}
