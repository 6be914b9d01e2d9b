package io.bpacat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpacat coverage}: which rules have a checker, and why the others have none. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "List the rules without a checker and the reason given in checkers/_uncovered.yaml.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every rule without a checker has a reason", "1:a rule lacks both (with --strict)",
                "2:usage error"})
final class CoverageCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Option(names = "--strict", description = "Fail when a rule has neither a checker nor a reason.")
    boolean strict;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Catalog catalog = options.buildCatalog().catalog();
        Map<String, String> reasons = reasons(options.content.resolve("checkers/_uncovered.yaml"));
        var out = spec.commandLine().getOut();
        int withChecker = 0;
        int unexplained = 0;
        for (Rule r : catalog.rules()) {
            if (r.checker() != null) {
                withChecker++;
                continue;
            }
            String reason = reason(r, reasons);
            if (reason == null) {
                unexplained++;
            }
            out.println(r.id() + "  " + r.reference().source() + "\n    " + (reason == null
                    ? "no checker and no reason given (add one to checkers/_uncovered.yaml)" : reason));
        }
        long single = catalog.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE).count();
        long singleChecked = catalog.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE && r.checker() != null)
                .count();
        out.println(withChecker + " of " + catalog.rules().size() + " rules have a checker (" + singleChecked + " of "
                + single + " single-rule pages); " + unexplained + " without a checker give no reason");
        return strict && unexplained > 0 ? 1 : 0;
    }

    private static String reason(Rule r, Map<String, String> reasons) {
        if (r.assetId() != null && reasons.containsKey(r.assetId().toLowerCase(Locale.ROOT))) {
            return reasons.get(r.assetId().toLowerCase(Locale.ROOT));
        }
        for (var t : r.translations().values()) {
            String file = t.source().substring(t.source().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (reasons.containsKey(file)) {
                return reasons.get(file);
            }
        }
        return null;
    }

    /** Reason by lower-case asset ID or page file name. */
    private static Map<String, String> reasons(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        JsonNode n = new YAMLMapper().readTree(file.toFile());
        if (n != null) {
            for (JsonNode e : n) {
                String key = e.hasNonNull("rule") ? e.get("rule").asText() : e.path("page").asText();
                out.put(key.toLowerCase(Locale.ROOT), e.path("reason").asText());
            }
        }
        return out;
    }
}
