package io.bpacat.cli;

import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.catalog.CheckerLinker;
import io.bpacat.check.Checker;
import io.bpacat.check.CheckerBundle;
import io.bpacat.check.CheckerEngine;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.Exclusions;
import io.bpacat.check.Finding;
import io.bpacat.check.Inventory;
import io.bpacat.check.InventoryNormalizer;
import io.bpacat.check.InventoryReader;
import io.bpacat.check.Outcome;
import io.bpacat.check.RuleLabels;
import io.bpacat.check.report.Report;
import io.bpacat.check.report.ReportWriter;
import io.bpacat.check.report.RuleInfo;
import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.DiagnosticPrinter;
import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpacat validate}: runs the checkers of a content folder on inventories of Hyper-V hosts. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Run the rule checkers on inventories of Hyper-V hosts (JSON, YAML, or CSV from"
                + " Get-VM | Export-Csv) and report, per rule and object: noncompliant, compliant, not applicable,"
                + " cannot evaluate (missing data, named) or error (broken checker, named).",
                "Collect an inventory with collect/Get-BpacatInventory.ps1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
                "2:usage error: bad option, missing file or folder",
                "3:an inventory, a checker or the exclusions file could not be read, or a checker failed"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INVENTORY", description = "Inventory files; each is validated on its own.")
    List<Path> inventories;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "Content folder with the rule pages and checkers/ (default: ${DEFAULT-VALUE}).")
    Path content;

    @Option(names = "--rules", paramLabel = "IDS", split = ",",
            description = "Only these rules: rule IDs, their first 8 characters, or checker file names.")
    List<String> rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif, junit or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Exit 1 on noncompliant results of this severity or worse: error, warning (also error)"
                    + " or never (default: ${DEFAULT-VALUE}). Information-level findings never fail; a rule without a"
                    + " severity (a rule of a multi-rule page) counts as a warning, as in SARIF.")
    String failOn;

    @Option(names = "--exclusions", paramLabel = "FILE",
            description = "YAML list of {rule, object, reason}: matching results are reported as excluded.")
    Path exclusions;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "",
            description = "Site root for links to rule pages: <URL>/<locale>/rules/<id>/ (default: relative rules/<id>/).")
    String baseUrl;

    @Option(names = "--locale", paramLabel = "LOCALE", defaultValue = "en-us",
            description = "Locale of rule titles and links (default: ${DEFAULT-VALUE}).")
    String locale;

    @Option(names = "--max-size", paramLabel = "MB", defaultValue = "64",
            description = "Largest inventory file read, in MB (default: ${DEFAULT-VALUE}).")
    long maxSizeMb;

    @Option(names = {"-v", "--verbose"}, description = "Also list each compliant and not applicable result (the"
            + " summary always counts them), and print info diagnostics.")
    boolean verbose;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where validate keeps the rule labels of a"
            + " content folder between runs, so that unchanged content is not parsed again (default: $BPACAT_CACHE_DIR,"
            + " else $XDG_CACHE_HOME/bpacat, else ~/.cache/bpacat). Any change to the content folder or to bpacat"
            + " replaces what is kept.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither use nor keep rule labels between runs: build the catalog"
            + " from the rule pages every time.")
    boolean noCache;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Loads the checkers and the rule labels (from the catalog, or kept by an earlier run) on a thread of their own
     * while the first inventory is read and its links computed, then runs the checkers on each inventory and writes
     * the report.
     */
    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        String usage = usageError();
        if (usage != null) {
            err.println("bpacat validate: " + usage);
            return 2;
        }
        Loading loading = Loading.start(content, noCache ? Optional.empty()
                : (cacheDir != null ? Optional.of(cacheDir) : LabelCache.defaultDir()).flatMap(LabelCache::in));
        Diagnostics firstDiags = new Diagnostics();
        Optional<Inventory> first = read(inventories.get(0), firstDiags);
        Loaded loaded = Loading.join(loading.checkers());
        first.ifPresent(inv -> loaded.checkers().stream().map(Checker::scope).distinct().forEach(inv::related));
        RuleLabels labels = Loading.join(loading.labels());
        Diagnostics diags = loaded.diagnostics();
        List<Checker> checkers = select(loaded.checkers(), labels);
        if (checkers == null) {
            err.println("bpacat validate: --rules names no known rule or checker: " + rules);
            return 2;
        }
        Exclusions excl = readExclusions(diags);
        List<Finding> findings = check(checkers, labels, first, firstDiags, diags);
        List<Finding> marked = excl == null ? findings : excl.apply(findings);
        List<String> names = inventories.stream().map(ValidateCommand::name).toList();
        Map<String, RuleInfo> info = ruleInfo(labels, checkers);
        Report shown = verbose ? new Report(names, marked, info) : Report.withoutPassing(names, marked, info);
        printDiagnostics(diags);
        ReportWriter writer = ReportWriter.of(format);
        if (output != null) {
            writer.write(shown, verbose, output);
        } else {
            spec.commandLine().getOut().print(writer.write(shown, verbose));
        }
        return exitCode(diags, excl, shown);
    }

    /** What is wrong with the options, or null. */
    private String usageError() {
        try {
            ReportWriter.of(format);
        } catch (IllegalArgumentException e) {
            return "unknown --format " + format + " (text, json, sarif, junit, csv)";
        }
        if (!Set.of("error", "warning", "never").contains(failOn)) {
            return "unknown --fail-on " + failOn + " (error, warning, never)";
        }
        return Files.isDirectory(content) ? null : "content folder not found: " + content;
    }

    /**
     * The findings of the checkers on every inventory, in order; the first one was read already, with what reading
     * it reported in {@code firstDiags}, the others are read one after the other.
     */
    private List<Finding> check(List<Checker> checkers, RuleLabels labels, Optional<Inventory> first,
                                Diagnostics firstDiags, Diagnostics diags) throws IOException {
        CheckerEngine engine = new CheckerEngine(CheckerEngine.Limits.DEFAULT, labels::id);
        List<Finding> findings = new ArrayList<>();
        diags.addAll(firstDiags);
        first.ifPresent(inv -> findings.addAll(engine.run(checkers, inv)));
        for (Path p : inventories.subList(1, inventories.size())) {
            read(p, diags).ifPresent(inv -> findings.addAll(engine.run(checkers, inv)));
        }
        return findings;
    }

    /** The checkers, with what loading them reported. */
    private record Loaded(List<Checker> checkers, Diagnostics diagnostics) {
    }

    /**
     * The checkers, then their rule labels, loaded on a thread of their own while the first inventory is read; the
     * checkers come first so that the links the engine follows can be computed while the labels still load. The
     * labels are those the cache kept for the content folder when it holds them under the folder's key, else they
     * come from the catalog and are kept. The key is taken before anything is read: a file changed meanwhile makes
     * the labels kept now miss next time, never used wrongly.
     */
    private record Loading(FutureTask<Loaded> checkers, FutureTask<RuleLabels> labels) {
        static Loading start(Path content, Optional<LabelCache> cache) {
            FutureTask<Optional<String>> key = new FutureTask<>(() -> cache.flatMap(c -> keyOf(c, content)));
            FutureTask<Loaded> checkers = new FutureTask<>(() -> {
                Diagnostics d = new Diagnostics();
                return new Loaded(new CheckerLoader().loadAll(content, d), d);
            });
            Loading l = new Loading(checkers, new FutureTask<>(() -> labels(content, cache.flatMap(c ->
                    join(key).map(k -> new Kept(c, k))), loadedOrNone(checkers))));
            Thread t = new Thread(() -> {
                key.run();
                l.checkers().run();
                l.labels().run();
            }, "bpacat-load");
            t.setDaemon(true);
            t.start();
            return l;
        }

        /** A cache and the content folder's key in it. */
        private record Kept(LabelCache cache, String key) {
        }

        private static Optional<String> keyOf(LabelCache cache, Path content) {
            try {
                return Optional.of(cache.key(content));
            } catch (IOException e) {
                return Optional.empty(); // a file that cannot be read: the catalog reports it, nothing is kept
            }
        }

        /** The labels kept under the key when they label every checker, else the catalog's (then kept). */
        private static RuleLabels labels(Path content, Optional<Kept> kept, List<Checker> checkers) {
            Optional<RuleLabels> found = kept.flatMap(k -> k.cache().read(content, k.key()))
                    .filter(l -> l.covers(checkers));
            if (found.isPresent()) {
                return found.get();
            }
            RuleLabels labels = RuleLabels.of(checkers, new CatalogBuilder().build(content, linkKeys(checkers))
                    .catalog());
            kept.ifPresent(k -> k.cache().write(content, k.key(), labels));
            return labels;
        }

        /** The checkers that loaded (the task has run); none when loading failed (reported where they are joined). */
        private static List<Checker> loadedOrNone(FutureTask<Loaded> checkers) {
            try {
                return checkers.get().checkers();
            } catch (ExecutionException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }

        /** The link keys of the checkers, by file, so that the catalog does not parse their files again. */
        private static Map<String, CheckerLinker.Keys> linkKeys(List<Checker> checkers) {
            Map<String, CheckerLinker.Keys> keys = new HashMap<>();
            for (Checker c : checkers) {
                keys.put(c.file(), new CheckerLinker.Keys(c.rule(), c.page()));
            }
            return keys;
        }

        /** The result of {@code task}; a failure is rethrown as it was thrown. */
        static <T> T join(FutureTask<T> task) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the checkers", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static String name(Path p) {
        return p.toString().replace('\\', '/');
    }

    /** One inventory read and normalized; problems go to {@code diags}. Empty when it is missing or unusable. */
    private Optional<Inventory> read(Path p, Diagnostics diags) throws IOException {
        String name = name(p);
        if (!Files.isRegularFile(p)) {
            diags.error(name, 0, 0, "INV000", "inventory file not found", "check the path");
            return Optional.empty();
        }
        InventoryReader reader = new InventoryReader(new InventoryReader.Limits(maxSizeMb * 1024 * 1024, 64));
        return reader.read(name, Files.readAllBytes(p), diags)
                .flatMap(raw -> new InventoryNormalizer().normalize(raw, diags));
    }

    /** 3 when something could not be read, else as {@link #findingsExitCode}. */
    private int exitCode(Diagnostics diags, Exclusions excl, Report shown) {
        if (diags.count(Diagnostic.Level.ERROR) > 0 || excl == null) {
            return 3;
        }
        return findingsExitCode(shown, failOn);
    }

    /**
     * 3 when a checker failed on an object that is not excluded, else 1 when a noncompliant result that is not
     * excluded fails {@code failOn}, else 0. The failures come from the summary, which counts every result (excluded
     * ones apart); the noncompliant results from the results shown, which hold every one of them, with -v or not.
     */
    static int findingsExitCode(Report shown, String failOn) {
        if (shown.summary().getOrDefault(Outcome.ERROR.label(), 0) > 0) {
            return 3;
        }
        Map<String, Boolean> failsByRule = new HashMap<>();
        for (Finding f : shown.findings()) {
            if (!f.excluded() && f.outcome() == Outcome.NONCOMPLIANT && failsByRule.computeIfAbsent(f.ruleId(),
                    id -> failsOn(failOn, shown.rule(id).countedSeverity()))) {
                return 1;
            }
        }
        return 0;
    }

    /** Whether a noncompliant result counted with {@code severity} fails --fail-on. */
    private static boolean failsOn(String failOn, String severity) {
        return failOn.equals("warning") ? ("error".equals(severity) || "warning".equals(severity))
                : failOn.equals("error") && "error".equals(severity);
    }

    private Exclusions readExclusions(Diagnostics diags) throws IOException {
        if (exclusions == null) {
            return Exclusions.NONE;
        }
        String name = exclusions.toString().replace('\\', '/');
        if (!Files.isRegularFile(exclusions)) {
            diags.error(name, 0, 0, "EXC000", "exclusions file not found", "check the path");
            return null;
        }
        return Exclusions.read(name, Files.readString(exclusions, StandardCharsets.UTF_8), diags).orElse(null);
    }

    /** The checkers --rules selects (all without it), or null when it names nothing known. */
    private List<Checker> select(List<Checker> all, RuleLabels labels) {
        if (rules == null || rules.isEmpty()) {
            return all;
        }
        List<Checker> out = all.stream().filter(c -> rules.stream().anyMatch(r -> {
            String id = labels.id(c);
            String file = c.file().substring(c.file().lastIndexOf('/') + 1).replaceFirst("\\.yaml$", "");
            return id.equalsIgnoreCase(r) || (r.length() >= 8 && id.startsWith(r.toLowerCase(Locale.ROOT)))
                    || file.equalsIgnoreCase(r);
        })).toList();
        return out.isEmpty() ? null : out;
    }

    /** Labels as the browser validator gives them too (checkers.json carries the same CheckerBundle labels). */
    private Map<String, RuleInfo> ruleInfo(RuleLabels labels, List<Checker> checkers) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (Checker c : checkers) {
            String id = labels.id(c);
            CheckerBundle.RuleLabel label = labels.label(c);
            out.put(id, new RuleInfo(id, label.title(locale), label.severity(), label.category(), helpUri(id)));
        }
        return out;
    }

    private String helpUri(String id) {
        if (baseUrl.isEmpty()) {
            return "rules/" + id + "/";
        }
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return base + locale.toLowerCase(Locale.ROOT) + "/rules/" + id + "/";
    }

    private void printDiagnostics(Diagnostics diags) {
        DiagnosticPrinter printer = new DiagnosticPrinter("", file -> List.of());
        for (Diagnostic d : diags.sorted()) {
            if (d.level() != Diagnostic.Level.INFO || verbose) {
                printer.print(d, spec.commandLine().getErr());
            }
        }
    }
}
