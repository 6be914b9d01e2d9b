package io.bpacat.cli;

import io.bpacat.catalog.Catalog;
import io.bpacat.diag.Diagnostic.Level;

/** The one-line summary of a catalog build. */
final class Summary {
    private Summary() {
    }

    static long count(Catalog c, Level level) {
        return c.diagnostics().stream().filter(d -> d.level() == level).count();
    }

    static String of(Catalog c, int files) {
        return String.format(java.util.Locale.ROOT, "%d files, %d rules, %d other pages, %d locales %s: %d errors, %d warnings, %d infos",
                files, c.rules().size(), c.pages().size(), c.locales().size(), c.locales(),
                count(c, Level.ERROR), count(c, Level.WARNING), count(c, Level.INFO));
    }
}
