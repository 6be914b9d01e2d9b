package io.bpacat.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Links rules to their checker files: a checker names its rule by asset ID ({@code rule:}) or, for rules without
 * one in any locale, by page file name ({@code page:}). Reads only those two keys; loading and compiling checkers
 * is the check stage's job. A checker naming no known rule, or a rule named by two checkers, is a diagnostic.
 */
public final class CheckerLinker {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The keys each checker file named, by file, with the text they were read from (rebuilds read only edits). */
    private final Map<Path, Map.Entry<String, Keys>> read = new java.util.concurrent.ConcurrentHashMap<>();

    /** The two keys a checker links by; null when absent. */
    public record Keys(String asset, String page) {
    }

    /** The catalog with {@link Rule#checker()} set; problems are added to its diagnostics. */
    public Catalog link(Catalog catalog, Path contentDir) {
        return link(catalog, contentDir, Map.of());
    }

    /**
     * {@link #link(Catalog, Path)} with the keys of checkers already read, by file ({@code checkers/<name>}), so
     * that their files are not parsed again (validate has just loaded them); other files are read as usual.
     */
    public Catalog link(Catalog catalog, Path contentDir, Map<String, Keys> known) {
        Path dir = contentDir.resolve("checkers");
        if (!Files.isDirectory(dir)) {
            return catalog;
        }
        Diagnostics diags = new Diagnostics();
        catalog.diagnostics().forEach(diags::report);
        Map<String, String> byRule = new HashMap<>();
        List<Path> files = checkerFiles(dir);
        read.keySet().retainAll(new java.util.HashSet<>(files));
        for (Path f : files) {
            String file = "checkers/" + f.getFileName();
            String ruleId = ruleIdOf(f, file, known.get(file), catalog, diags);
            if (ruleId == null) {
                continue;
            }
            String previous = byRule.putIfAbsent(ruleId, file);
            if (previous != null) {
                diags.error(file, 1, 1, "BPA061", "rule " + ruleId + " already has checker " + previous,
                        "merge the two checkers into one file");
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule r : catalog.rules()) {
            rules.add(byRule.containsKey(r.id()) ? r.withChecker(byRule.get(r.id())) : r);
        }
        return new Catalog(rules, catalog.pages(), diags.sorted());
    }

    private static List<Path> checkerFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The keys of a checker file, read again only when its text changed; null when it cannot be read as YAML. */
    private Keys keys(Path f) {
        String text;
        try {
            text = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        Map.Entry<String, Keys> known = read.get(f);
        if (known != null && known.getKey().equals(text)) {
            return known.getValue();
        }
        JsonNode n;
        try {
            n = YAML.readTree(text);
        } catch (IOException e) {
            read.remove(f);
            return null;
        }
        if (n == null) {
            read.remove(f);
            return null;
        }
        Keys keys = new Keys(n.path("rule").asText(null), n.path("page").asText(null));
        read.put(f, Map.entry(text, keys));
        return keys;
    }

    /** The catalog ID of the rule a checker names, or null (with a diagnostic) when none matches. */
    private String ruleIdOf(Path f, String file, Keys known, Catalog catalog, Diagnostics diags) {
        Keys keys = known != null ? known : keys(f);
        if (keys == null) {
            return null;
        }
        String asset = keys.asset();
        String page = keys.page();
        for (Rule r : catalog.rules()) {
            boolean subRule = r.kind() == Rule.Kind.SUB_RULE;
            if (asset != null && (subRule ? asset.equalsIgnoreCase(r.id()) : asset.equalsIgnoreCase(r.assetId()))) {
                return r.id();
            }
            if (page != null && r.assetId() == null && r.translations().values().stream()
                    .anyMatch(t -> t.source().replace('\\', '/').toLowerCase(Locale.ROOT)
                            .endsWith("/" + page.toLowerCase(Locale.ROOT)))) {
                return r.id();
            }
        }
        diags.warning(file, 1, 1, "BPA060", "checker names " + (asset != null ? "asset ID " + asset : "page " + page)
                + ", which no rule page has", "check the rule's ms.assetid, or the page's file name");
        return null;
    }
}
