package io.bpacat.check;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the checker files of a content folder ({@code checkers/*.yaml}; names starting with {@code _} are notes,
 * not checkers). Every problem is a diagnostic with the file and line: malformed YAML, missing or unknown keys,
 * unknown collections, JSONata that does not compile, functions outside the portable subset (what both the Java
 * and the JavaScript engines evaluate identically), names an expression reads without declaring them, examples
 * that lack a compliant or a noncompliant case. A checker with an error is left out.
 */
public final class CheckerLoader {
    /** Functions both JSONata engines evaluate identically on inventory data. */
    public static final Set<String> PORTABLE_FUNCTIONS = Set.of("count", "sum", "max", "min", "average", "exists",
            "not", "boolean", "number", "string", "substring", "substringBefore", "substringAfter", "lowercase",
            "uppercase", "contains", "split", "join", "length", "trim", "filter", "map", "reduce", "keys", "lookup",
            "append", "distinct", "toMillis", "floor", "ceil", "abs", "power", "round", "type", "sort");
    /** Variables the engine binds for every evaluation. */
    public static final Set<String> BOUND = Set.of("inventory", "host", "related", "collected", "collectedMillis");
    static final Set<String> KEYS = Set.of("rule", "page", "title", "scope", "reads", "require", "applies",
            "compliant", "values", "message", "remediation", "examples");
    private static final Set<String> WORDS = Set.of("and", "or", "in", "true", "false", "null", "function");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.[a-z0-9-]+)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private final InventoryModel model;
    /** What earlier {@link #loadAll} calls loaded, by file, while the text stays the same; null unless remembering. */
    private final Map<String, Loaded> earlier;

    /** A file's text and what loading it gave. */
    private record Loaded(String text, java.util.Optional<Checker> checker, List<Diagnostic> diagnostics) {
    }

    public CheckerLoader(InventoryModel model) {
        this(model, false);
    }

    /**
     * @param remember keep each file's checker and diagnostics and reuse them on the next {@link #loadAll} while
     *                 the file's text is the same ({@code bpacat serve} rebuilds)
     */
    public CheckerLoader(InventoryModel model, boolean remember) {
        this.model = model;
        this.earlier = remember ? new java.util.HashMap<>() : null;
    }

    public CheckerLoader() {
        this(InventoryModel.standard());
    }

    /** All checkers below {@code contentDir/checkers}, sorted by file; an absent folder gives none. */
    public List<Checker> loadAll(Path contentDir, Diagnostics diags) {
        Path dir = contentDir.resolve("checkers");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
        } catch (IOException e) {
            diags.error("checkers", 0, 0, "CHK001", "cannot list the checker folder: " + e.getMessage(),
                    "check the folder's permissions");
            return List.of();
        }
        List<Checker> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path f : files) {
            String name = "checkers/" + f.getFileName();
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (earlier == null) {
                    load(name, text, diags).ifPresent(out::add);
                    continue;
                }
                seen.add(name);
                Loaded l = earlier.get(name);
                if (l == null || !l.text().equals(text)) {
                    Diagnostics own = new Diagnostics();
                    l = new Loaded(text, load(name, text, own), own.sorted());
                    earlier.put(name, l);
                }
                l.diagnostics().forEach(diags::report);
                l.checker().ifPresent(out::add);
            } catch (IOException e) {
                diags.error(name, 0, 0, "CHK001", "cannot read the checker: " + e.getMessage(),
                        "save it as UTF-8");
            }
        }
        if (earlier != null) {
            earlier.keySet().retainAll(seen);
        }
        return out;
    }

    /** Reads every checker: one reader (thread-safe) and its YAML factory for all of them. */
    private final TreeReader yaml = new TreeReader(64, true);

    /** Loads one checker from its text; empty (with error diagnostics) when it is unusable. */
    public java.util.Optional<Checker> load(String file, String text, Diagnostics diags) {
        TreeReader.Tree tree;
        try {
            tree = yaml.readYaml(text);
        } catch (TreeReader.ReadException e) {
            diags.error(file, e.line(), e.column(), "CHK001", "malformed checker: " + e.getMessage(),
                    "fix the YAML; see schemas/checker.schema.json");
            return java.util.Optional.empty();
        }
        if (!(tree.value() instanceof Map<?, ?> root)) {
            diags.error(file, 1, 1, "CHK001", "a checker must be a YAML mapping", "see schemas/checker.schema.json");
            return java.util.Optional.empty();
        }
        return new Reading(file, tree, root, diags).checker();
    }

    /** State of reading one file: errors found so far decide whether the checker is kept. */
    private final class Reading {
        private final String file;
        private final TreeReader.Tree tree;
        private final Map<?, ?> root;
        private final Diagnostics diags;
        private boolean failed;

        Reading(String file, TreeReader.Tree tree, Map<?, ?> root, Diagnostics diags) {
            this.file = file;
            this.tree = tree;
            this.root = root;
            this.diags = diags;
        }

        int line(String key) {
            int l = tree.line(root, key);
            return l == 0 ? 1 : l;
        }

        void error(String key, String code, String message, String hint) {
            diags.error(file, line(key), 1, code, message, hint);
            failed = true;
        }

        java.util.Optional<Checker> checker() {
            for (Object k : root.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    error(String.valueOf(k), "CHK003", "unknown key \"" + k + "\"", "the keys are " + new java.util
                            .TreeSet<>(KEYS));
                }
            }
            String rule = string("rule", false);
            String page = string("page", false);
            if ((rule == null) == (page == null)) {
                error("rule", "CHK002", "give exactly one of \"rule\" (the rule's asset ID) and \"page\" (the rule"
                        + " page's file name, for rules without an asset ID)", "add rule: <asset id>");
            }
            if (rule != null && !GUID.matcher(rule).matches()) {
                error("rule", "CHK010", "rule \"" + rule + "\" is not a lower-case asset ID (GUID), or"
                        + " <asset id>.<anchor> for a rule of a multi-rule page", "copy ms.assetid from the rule page,"
                        + " in lower case");
            }
            String scope = string("scope", true);
            if (scope != null && model.collection(scope).isEmpty()) {
                error("scope", "CHK004", "unknown scope \"" + scope + "\"", "use a collection of"
                        + " schemas/inventory.schema.json, e.g. VM, VMHost, VMSwitch");
            }
            Map<String, List<String>> reads = reads();
            List<String> require = stringList("require");
            for (String r : require) {
                if (!reads.containsKey(r)) {
                    error("require", "CHK005", "require names " + r + ", which reads does not list",
                            "add " + r + " and its fields to reads");
                }
            }
            Map<String, Checker.Expression> values = new TreeMap<>();
            if (root.get("values") instanceof Map<?, ?> vm) {
                vm.forEach((k, v) -> values.put(String.valueOf(k), expression("values", String.valueOf(v), reads)));
            } else if (root.containsKey("values")) {
                error("values", "CHK002", "values must be a mapping of names to JSONata expressions", "");
            }
            Checker.Expression applies = root.containsKey("applies")
                    ? expression("applies", string("applies", true), reads) : null;
            Checker.Expression compliant = expression("compliant", string("compliant", true), reads);
            String message = string("message", true);
            String remediation = string("remediation", true);
            placeholders("message", message, reads, scope, values);
            placeholders("remediation", remediation, reads, scope, values);
            List<Checker.Example> examples = examples();
            if (failed) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Checker(file, rule, page, string("title", false), scope, reads, require,
                    applies, compliant, values, message, remediation, examples));
        }

        String string(String key, boolean required) {
            Object v = root.get(key);
            if (v == null) {
                if (required) {
                    error(key, "CHK002", "missing \"" + key + "\"", "see schemas/checker.schema.json");
                }
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                error(key, "CHK002", "\"" + key + "\" must be a string", "");
                return null;
            }
            return String.valueOf(v);
        }

        List<String> stringList(String key) {
            Object v = root.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                error(key, "CHK002", "\"" + key + "\" must be a list", "");
                return List.of();
            }
            return l.stream().map(String::valueOf).toList();
        }

        Map<String, List<String>> reads() {
            Map<String, List<String>> reads = new TreeMap<>();
            if (!(root.get("reads") instanceof Map<?, ?> m) || m.isEmpty()) {
                error("reads", "CHK002", "missing \"reads\": the fields the expressions read, by collection",
                        "e.g. reads: {VM: [Name, State]}");
                return reads;
            }
            m.forEach((k, v) -> {
                String c = String.valueOf(k);
                if (model.collection(c).isEmpty()) {
                    error("reads", "CHK005", "reads names unknown collection \"" + c + "\"",
                            "see schemas/inventory.schema.json");
                }
                List<String> fields = v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
                reads.put(c, fields);
            });
            return reads;
        }

        Checker.Expression expression(String key, String source, Map<String, List<String>> reads) {
            if (source == null) {
                return null;
            }
            Jsonata compiled;
            try {
                compiled = Jsonata.jsonata(source);
                compiled.setValidateInput(false); // the engine checks each inventory's value types once
            } catch (JException e) {
                error(key, "CHK006", key + ": JSONata does not compile at character " + e.getLocation() + ": "
                        + e.getMessage(), "fix the expression; try it at /try/ in playground mode");
                return null;
            } catch (RuntimeException | StackOverflowError e) {
                error(key, "CHK006", key + ": JSONata does not compile: " + e, "simplify the expression");
                return null;
            }
            lint(key, source, reads);
            return new Checker.Expression(source, line(key), compiled);
        }

        /**
         * Non-portable functions, and names read but not declared in reads ({@code $related.roots} holds the roots of
         * path fields, which reads declares).
         */
        void lint(String key, String source, Map<String, List<String>> reads) {
            Set<String> declared = new LinkedHashSet<>(reads.keySet());
            reads.values().forEach(fields -> fields.forEach(f -> declared.addAll(List.of(f.split("\\.")))));
            if (source.contains("$related." + Inventory.ROOTS)) {
                declared.add(Inventory.ROOTS);
            }
            for (Token t : tokens(source)) {
                if (t.variable && t.call && !PORTABLE_FUNCTIONS.contains(t.name) && !isLocal(source, t.name)) {
                    error(key, "CHK007", key + ": $" + t.name + "() is outside the portable subset",
                            "use one of " + new java.util.TreeSet<>(PORTABLE_FUNCTIONS));
                } else if (!t.variable && !t.call && !WORDS.contains(t.name) && !declared.contains(t.name)) {
                    error(key, "CHK008", key + ": reads \"" + t.name + "\", which reads does not declare",
                            "add it to reads under its collection (a test checks each declared field exists)");
                }
            }
        }

        private boolean isLocal(String source, String name) {
            return source.contains("$" + name + " :=") || source.contains("$" + name + ":=")
                    || source.matches("(?s).*function\\s*\\([^)]*\\$" + Pattern.quote(name) + "\\b.*");
        }

        void placeholders(String key, String template, Map<String, List<String>> reads, String scope,
                          Map<String, Checker.Expression> values) {
            if (template == null) {
                return;
            }
            Matcher m = PLACEHOLDER.matcher(template);
            Set<String> fields = new LinkedHashSet<>(reads.getOrDefault(scope, List.of()));
            while (m.find()) {
                String p = m.group(1);
                if (!values.containsKey(p) && !fields.contains(p)) {
                    error(key, "CHK012", key + ": placeholder {{" + p + "}} is neither a value nor a field the"
                            + " checker reads from " + scope, "add it to values, or to reads under " + scope);
                }
            }
        }

        List<Checker.Example> examples() {
            List<Checker.Example> out = new ArrayList<>();
            if (!(root.get("examples") instanceof List<?> list) || list.isEmpty()) {
                error("examples", "CHK009", "missing \"examples\": at least one compliant and one noncompliant",
                        "add examples with small inventories and the expected outcome per object");
                return out;
            }
            Set<Outcome> seen = new LinkedHashSet<>();
            int i = 0;
            for (Object o : list) {
                i++;
                if (!(o instanceof Map<?, ?> ex) || !(ex.get("inventory") instanceof Map<?, ?> inv)
                        || !(ex.get("expect") instanceof Map<?, ?> expect)) {
                    error("examples", "CHK009", "example " + i + " needs an inventory and an expect mapping", "");
                    continue;
                }
                Map<String, Outcome> expected = new LinkedHashMap<>();
                expect.forEach((k, v) -> {
                    java.util.Optional<Outcome> outcome = Outcome.of(String.valueOf(v));
                    if (outcome.isEmpty()) {
                        error("examples", "CHK009", "example expects \"" + v + "\" for " + k + "; outcomes are"
                                + " noncompliant, compliant, not-applicable, cannot-evaluate, error", "");
                    } else {
                        expected.put(String.valueOf(k), outcome.get());
                        seen.add(outcome.get());
                    }
                });
                Map<String, Object> inventory = new LinkedHashMap<>();
                inv.forEach((k, v) -> inventory.put(String.valueOf(k), v));
                int line = tree.line(ex, "inventory");
                out.add(new Checker.Example(ex.get("name") == null ? "example " + i : String.valueOf(ex.get("name")),
                        line, inventory, expected));
            }
            if (!seen.contains(Outcome.COMPLIANT) || !seen.contains(Outcome.NONCOMPLIANT)) {
                error("examples", "CHK009", "the examples need at least one compliant and one noncompliant object",
                        "add the missing case");
            }
            return out;
        }
    }

    /** A name in an expression: a field, a $variable, or a $function( call. */
    record Token(String name, boolean variable, boolean call) {
    }

    /** Names in a JSONata expression outside string literals, regular expressions and comments. */
    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        char prevSignificant = '(';
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                prevSignificant = 'a';
                continue;
            }
            if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? src.length() : end + 2;
                continue;
            }
            if (c == '/' && "(,:=[~>?".indexOf(prevSignificant) >= 0) {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != '/') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                while (i < src.length() && Character.isLetter(src.charAt(i))) {
                    i++;
                }
                prevSignificant = 'a';
                continue;
            }
            if (c == '`') {
                int j = src.indexOf('`', i + 1);
                j = j < 0 ? src.length() : j;
                out.add(new Token(src.substring(i + 1, j), false, false));
                i = j + 1;
                prevSignificant = 'a';
                continue;
            }
            if (c == '$' || Character.isLetter(c) || c == '_') {
                boolean variable = c == '$';
                int j = variable ? i + 1 : i;
                while (j < src.length() && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                    j++;
                }
                String name = src.substring(variable ? i + 1 : i, j);
                int k = j;
                while (k < src.length() && Character.isWhitespace(src.charAt(k))) {
                    k++;
                }
                boolean call = k < src.length() && src.charAt(k) == '(';
                boolean objectKey = !variable && k < src.length() && src.charAt(k) == ':' && (k + 1 >= src.length()
                        || src.charAt(k + 1) != '=');
                if (!name.isEmpty() && !objectKey && !(variable && BOUND.contains(name) && !call)) {
                    if (!(variable && !call)) {
                        out.add(new Token(name, variable, call));
                    }
                }
                i = j;
                prevSignificant = 'a';
                continue;
            }
            if (Character.isDigit(c)) {
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                prevSignificant = '0';
                continue;
            }
            if (!Character.isWhitespace(c)) {
                prevSignificant = c;
            }
            i++;
        }
        return out;
    }
}
