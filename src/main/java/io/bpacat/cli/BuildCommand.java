package io.bpacat.cli;

import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.catalog.CatalogJson;
import io.bpacat.diag.Diagnostic.Level;
import io.bpacat.render.OutputFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpacat build}: content folder to output folder. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the catalog (OUT/catalog.json) from a content folder. The output folder is replaced"
                + " as a whole once everything is written.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:built", "1:built, but the content has errors (listed)", "2:usage error"})
final class BuildCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "output",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CatalogBuilder.Result result = options.buildCatalog();
        var err = spec.commandLine().getErr();
        options.print(result, err);
        OutputFolder.replace(out, folder -> Files.writeString(folder.resolve("catalog.json"),
                CatalogJson.write(result.catalog()), StandardCharsets.UTF_8));
        err.println(Summary.of(result.catalog(), result.sources().size()));
        spec.commandLine().getOut().println("wrote " + Path.of(out.toString(), "catalog.json"));
        return Summary.count(result.catalog(), Level.ERROR) > 0 ? 1 : 0;
    }
}
