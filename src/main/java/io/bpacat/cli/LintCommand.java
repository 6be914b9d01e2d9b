package io.bpacat.cli;

import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.diag.Diagnostic.Level;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpacat lint}: reads the content folder and reports every problem. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check the rule pages of a content folder and print diagnostics and a summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (and no warnings with --strict)", "1:errors, or warnings with --strict",
                "2:usage error"})
final class LintCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Option(names = "--strict", description = "Fail on warnings too.")
    boolean strict;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CatalogBuilder.Result result = options.buildCatalog();
        var out = spec.commandLine().getOut();
        options.print(result, out);
        out.println(Summary.of(result.catalog(), result.sources().size()));
        long errors = Summary.count(result.catalog(), Level.ERROR);
        long warnings = Summary.count(result.catalog(), Level.WARNING);
        return errors > 0 || (strict && warnings > 0) ? 1 : 0;
    }
}
