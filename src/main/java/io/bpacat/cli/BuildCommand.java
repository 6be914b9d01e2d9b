package io.bpacat.cli;

import io.bpacat.diag.Diagnostic.Level;
import io.bpacat.render.SiteBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpacat build}: content folder to site. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the site and OUT/catalog.json from a content folder. Every internal link is checked."
                + " The output folder is replaced as a whole once everything is written; a failed build leaves"
                + " the previous one as it was.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:built", "1:built, but the content has errors (listed)", "2:usage error"})
final class BuildCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Mixin
    SiteOptions site;

    @Option(names = "--no-keep-previous", description = "Delete the output the build replaces (and any kept by an"
            + " earlier build) instead of keeping it beside as .OUT.bpacat-previous, which the next build writes into"
            + " to make fewer files.")
    boolean noKeepPrevious;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SiteBuilder.Result result = site.builder(options).buildInto(options.content, site.out, false, !noKeepPrevious);
        var err = spec.commandLine().getErr();
        options.print(result.catalog(), err);
        err.println(Summary.of(result.catalog().catalog(), result.catalog().sources().size()));
        spec.commandLine().getOut().println("wrote " + result.files().size() + " files to " + site.out);
        return Summary.count(result.catalog().catalog(), Level.ERROR) > 0 ? 1 : 0;
    }
}
