package io.bpacat.cli;

import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.DiagnosticPrinter;
import io.bpacat.source.SourceText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a content folder. */
final class ContentOptions {
    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "Content folder: locale folders (en-us/, it-it/, ...) or pages directly (default: ${DEFAULT-VALUE}).")
    Path content;

    @Option(names = "--default-locale", paramLabel = "LOCALE", defaultValue = "en-US",
            description = "Locale of pages that name none and sit outside a locale folder (default: ${DEFAULT-VALUE}).")
    String defaultLocale;

    @Option(names = {"-v", "--verbose"}, description = "Also print info-level diagnostics.")
    boolean verbose;

    CatalogBuilder.Result buildCatalog() {
        return new CatalogBuilder(defaultLocale).build(content);
    }

    /** Prints the diagnostics compiler-style (infos only with --verbose). */
    void print(CatalogBuilder.Result result, PrintWriter w) {
        String prefix = content.toString().replace('\\', '/');
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        DiagnosticPrinter printer = new DiagnosticPrinter(prefix, file -> {
            SourceText t = result.sources().get(file);
            return t == null ? List.of() : t.lines();
        });
        for (Diagnostic d : result.catalog().diagnostics()) {
            if (verbose || d.level() != Diagnostic.Level.INFO) {
                printer.print(d, w);
            }
        }
    }
}
