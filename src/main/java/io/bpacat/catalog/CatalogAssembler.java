package io.bpacat.catalog;

import io.bpacat.diag.Diagnostics;
import io.bpacat.parse.PageKind;
import io.bpacat.parse.ParsedPage;
import io.bpacat.parse.Properties;
import io.bpacat.parse.SubRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Joins parsed pages into rules and pages. The same rule in several locales is joined by asset ID; a page with no
 * asset ID joins by its path inside the locale folder and inherits the ID. The en-US page is the reference for
 * severity and category; a locale that disagrees, or two pages of one locale with one asset ID, is reported.
 */
public final class CatalogAssembler {
    private static final String REFERENCE_LOCALE = "en-US";
    private static final Pattern OS_SPLIT = Pattern.compile("\\s*(?:,|;)\\s*(?:(?:and|e|und|et|y)\\s+)?|\\s+(?:and|e|und|et|y)\\s+");

    public Catalog assemble(List<ParsedPage> parsed, Diagnostics diags) {
        Map<String, String> inherited = inheritAssetIds(parsed, diags);
        Map<String, Map<String, ParsedPage>> groups = group(parsed, inherited, diags);
        List<Rule> rules = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        groups.forEach((key, byLocale) -> {
            String assetId = key.startsWith("path:") ? null : key;
            String id = assetId != null ? assetId : pathId(key.substring(5));
            if (assetId == null) {
                ParsedPage any = byLocale.values().iterator().next();
                diags.info(any.path(), 1, 1, "BPA044", "no ms.assetid in any locale; the ID \"" + id
                        + "\" is taken from the file name", "add ms.assetid with a new GUID to every locale's page");
            }
            ParsedPage ref = reference(byLocale);
            switch (ref.kind()) {
                case RULE -> rules.add(rule(id, assetId, byLocale, diags));
                case MULTI_RULE -> {
                    List<Rule> subs = subRules(id, byLocale, ref, diags);
                    rules.addAll(subs);
                    pages.add(page(id, assetId, "multi-rule", subs.stream().map(Rule::id).sorted().toList(), byLocale));
                }
                case OVERVIEW -> pages.add(page(id, assetId, "overview", List.of(), byLocale));
            }
        });
        rules.sort((a, b) -> a.id().compareTo(b.id()));
        pages.sort((a, b) -> a.id().compareTo(b.id()));
        return new Catalog(rules, pages, diags.sorted());
    }

    /** Asset IDs that pages without one inherit from pages at the same path in other locales: path → ID. */
    private static Map<String, String> inheritAssetIds(List<ParsedPage> parsed, Diagnostics diags) {
        Map<String, Set<String>> idsByPath = new TreeMap<>();
        for (ParsedPage p : parsed) {
            if (!p.assetId().isEmpty()) {
                idsByPath.computeIfAbsent(joinPath(p), k -> new TreeSet<>()).add(p.assetId());
            }
        }
        Map<String, String> inherited = new TreeMap<>();
        for (ParsedPage p : parsed) {
            Set<String> ids = idsByPath.get(joinPath(p));
            if (!p.assetId().isEmpty() || ids == null) {
                continue;
            }
            if (ids.size() == 1) {
                String id = ids.iterator().next();
                inherited.put(p.path(), id);
                diags.info(p.path(), 1, 1, "BPA040", "no ms.assetid; joined by path with the other locales' "
                        + p.localPath() + " and given their asset ID " + id, "add 'ms.assetid: " + id + "'");
            } else {
                diags.warning(p.path(), 1, 1, "BPA043", "no ms.assetid, and the other locales' " + p.localPath()
                        + " carry different asset IDs " + ids + ": not joined", "add the right ms.assetid");
            }
        }
        return inherited;
    }

    private static String joinPath(ParsedPage p) {
        return p.localPath().toLowerCase(Locale.ROOT);
    }

    private static String pathId(String joinPath) {
        return joinPath.replaceFirst("\\.md$", "").replaceAll("[^a-z0-9._-]+", "-");
    }

    /** Groups pages by join key (asset ID, or "path:" + path), one page per locale; reports duplicates. */
    private static Map<String, Map<String, ParsedPage>> group(List<ParsedPage> parsed, Map<String, String> inherited,
                                                             Diagnostics diags) {
        Map<String, Map<String, ParsedPage>> groups = new TreeMap<>();
        for (ParsedPage p : parsed) {
            String id = p.assetId().isEmpty() ? inherited.get(p.path()) : p.assetId();
            String key = id != null ? id : "path:" + joinPath(p);
            Map<String, ParsedPage> byLocale = groups.computeIfAbsent(key, k -> new TreeMap<>());
            ParsedPage first = byLocale.get(p.locale());
            if (first == null) {
                byLocale.put(p.locale(), p);
            } else {
                diags.error(p.path(), p.frontMatter().lineOf("ms.assetid"), 1, "BPA042", "duplicate "
                        + (id != null ? "asset id " + id : "page path") + " in " + p.locale() + ": " + first.path()
                        + " and " + p.path() + "; only " + first.path() + " is catalogued",
                        "give one of the two pages a new ms.assetid, or delete the copy");
            }
        }
        return groups;
    }

    private static ParsedPage reference(Map<String, ParsedPage> byLocale) {
        return byLocale.getOrDefault(REFERENCE_LOCALE, byLocale.values().iterator().next());
    }

    private Rule rule(String id, String assetId, Map<String, ParsedPage> byLocale, Diagnostics diags) {
        ParsedPage ref = reference(byLocale);
        Optional<Properties> refProps = ref.properties();
        String severity = agreed(byLocale, ref, "severity", Properties::severity, diags);
        String category = agreed(byLocale, ref, "category", Properties::category, diags);
        String product = first(byLocale, ref, Properties::product);
        List<String> os = refProps.map(Properties::operatingSystems).filter(l -> !l.isEmpty())
                .orElseGet(() -> splitOs(ref.appliesTo()));
        SortedMap<String, Translation> translations = new TreeMap<>();
        byLocale.forEach((locale, p) -> translations.put(locale, translation(p)));
        return new Rule(id, assetId, Rule.Kind.RULE, null, severity, category, product, os, translations, null);
    }

    /** The reference locale's value; a locale that disagrees is reported, naming both files. */
    private static String agreed(Map<String, ParsedPage> byLocale, ParsedPage ref, String what,
                                 Function<Properties, String> get, Diagnostics diags) {
        String value = first(byLocale, ref, get);
        for (ParsedPage p : byLocale.values()) {
            String v = p.properties().map(get).orElse(null);
            if (p != ref && v != null && value != null && !v.equals(value)) {
                diags.warning(p.path(), p.properties().get().line(), 1, "BPA041", "locales disagree on " + what + ": "
                        + ref.path() + " says " + value + ", " + p.path() + " says " + v + "; using " + value,
                        "correct the property table of " + p.path());
            }
        }
        return value;
    }

    private static String first(Map<String, ParsedPage> byLocale, ParsedPage ref, Function<Properties, String> get) {
        return Optional.ofNullable(ref.properties().map(get).orElse(null)).orElseGet(() -> byLocale.values().stream()
                .map(p -> p.properties().map(get).orElse(null)).filter(Objects::nonNull).findFirst().orElse(null));
    }

    private static List<String> splitOs(String appliesTo) {
        if (appliesTo.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : OS_SPLIT.split(appliesTo.strip())) {
            String s = part.replaceFirst("^(?i)(and|e|und|et|y)\\s+", "").replaceAll("[.*]+$", "").strip();
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static Translation translation(ParsedPage p) {
        return new Translation(p.locale(), p.title(), p.description(), p.path(), 1, p.titleAnchor(), p.date(),
                p.machineTranslated(), p.appliesTo(), p.sections(), p.alerts(), p.placeholders(), p.body(),
                p.bodyLine(), p.frontMatter().values());
    }

    private List<Rule> subRules(String parentId, Map<String, ParsedPage> byLocale, ParsedPage ref, Diagnostics diags) {
        Map<String, SortedMap<String, Translation>> bySlug = new LinkedHashMap<>();
        List<String> refSlugs = ref.subRules().stream().map(SubRule::slug).toList();
        for (ParsedPage p : byLocale.values()) {
            Set<String> own = new TreeSet<>();
            p.subRules().forEach(s -> own.add(s.slug()));
            for (int i = 0; i < p.subRules().size(); i++) {
                SubRule s = p.subRules().get(i);
                String slug = joinSlug(s, i, refSlugs, own, ref, p, diags);
                bySlug.computeIfAbsent(slug, k -> new TreeMap<>()).put(p.locale(), subTranslation(p, s));
            }
        }
        List<String> os = splitOs(ref.appliesTo());
        List<Rule> out = new ArrayList<>();
        bySlug.forEach((slug, translations) -> {
            if (!translations.containsKey(ref.locale())) {
                Translation t = translations.values().iterator().next();
                diags.warning(t.source(), t.line(), 1, "BPA045", "rule \"" + slug + "\" has no match in "
                        + ref.path() + "; it is catalogued on its own", "check the heading's <a name> anchor");
            }
            out.add(new Rule(parentId + "." + slug, null, Rule.Kind.SUB_RULE, parentId, null, null, null, os,
                    translations, null));
        });
        return out;
    }

    /**
     * The reference slug a sub-rule joins: its own anchor when the reference page has it, else the reference
     * sub-rule at the same position when that one has no match on this page (a renamed heading).
     */
    private static String joinSlug(SubRule s, int index, List<String> refSlugs, Set<String> own, ParsedPage ref,
                                   ParsedPage p, Diagnostics diags) {
        if (p == ref || refSlugs.contains(s.slug()) || index >= refSlugs.size() || own.contains(refSlugs.get(index))) {
            return s.slug();
        }
        String slug = refSlugs.get(index);
        diags.warning(p.path(), s.line(), 1, "BPA046", "anchor \"" + s.slug() + "\" is not on " + ref.path()
                + "; joined by position with its rule \"" + slug + "\"",
                "use the reference page's anchor: <a name=\"" + slug + "\">");
        return slug;
    }

    private static Translation subTranslation(ParsedPage p, SubRule s) {
        return new Translation(p.locale(), s.title(), "", p.path(), s.line(), s.slug(), p.date(),
                p.machineTranslated(), p.appliesTo(), s.sections(), List.of(), List.of(), s.markdown(), s.line() + 1,
                p.frontMatter().values());
    }

    private static Page page(String id, String assetId, String kind, List<String> rules,
                             Map<String, ParsedPage> byLocale) {
        SortedMap<String, Translation> translations = new TreeMap<>();
        byLocale.forEach((locale, p) -> translations.put(locale, translation(p)));
        return new Page(id, assetId, kind, rules, translations);
    }

}
