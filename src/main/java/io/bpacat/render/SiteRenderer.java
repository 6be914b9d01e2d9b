package io.bpacat.render;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Page;
import io.bpacat.catalog.Rule;
import io.bpacat.catalog.Translation;
import io.bpacat.diag.Diagnostic;
import io.bpacat.internal.Parallel;
import io.bpacat.parse.MarkdownTrees;
import io.bpacat.parse.Vocabulary;
import io.bpacat.render.SiteViews.Common;
import io.bpacat.render.SiteViews.Labelled;
import io.bpacat.render.SiteViews.Link;
import io.bpacat.render.SiteViews.LocaleLink;
import io.bpacat.render.SiteViews.RuleView;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The catalog as a site, in memory: a page per rule and locale, a language picker per rule, a page per overview
 * and multi-rule page, redirects from the original file names, the catalog home in every locale, and the
 * {@link SiteExtras} files. Pages are rendered in parallel with one template engine and one Markdown renderer.
 */
public final class SiteRenderer {
    /** The policy every page carries: nothing but this site's own scripts, styles and images. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'";

    private final TemplateSource templates;
    private final TemplateRenderer engine;
    private final Messages messages;
    private final CatalogPage catalogPage;
    private final SiteExtras extras;
    private final MarkdownTrees trees;
    private final SiteConfig config;
    private final String defaultLocale;
    /** Pages rendered by the previous builds, by everything they depend on; null unless incremental. */
    private final Map<Object, Memo> memo;
    private Map<String, String> memoLinks = Map.of();

    /** A rendered page and what its content produced. */
    private record Memo(byte[] html, List<Diagnostic> diagnostics, List<ContentRenderer.LinkRecord> links) {
        Memo(String html, List<Diagnostic> diagnostics, List<ContentRenderer.LinkRecord> links) {
            this(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), diagnostics, links);
        }
    }

    public SiteRenderer(TemplateSource templates, SiteConfig config, String defaultLocale) {
        this(templates, config, defaultLocale, false);
    }

    /** @param incremental reuse the pages of earlier builds whose inputs are unchanged */
    public SiteRenderer(TemplateSource templates, SiteConfig config, String defaultLocale, boolean incremental) {
        this(templates, config, defaultLocale, incremental, null);
    }

    /** @param trees the Markdown trees the catalog stage parsed (each taken by the page that renders its body), or null */
    public SiteRenderer(TemplateSource templates, SiteConfig config, String defaultLocale, boolean incremental,
                        MarkdownTrees trees) {
        this.trees = trees;
        this.memo = incremental ? new java.util.concurrent.ConcurrentHashMap<>() : null;
        this.templates = templates;
        this.messages = new Messages(templates);
        this.engine = new TemplateRenderer(templates, messages);
        this.catalogPage = new CatalogPage(messages);
        this.extras = new SiteExtras(templates, engine, config, defaultLocale);
        this.config = config;
        this.defaultLocale = defaultLocale;
    }

    /**
     * The rendered site.
     *
     * @param files       every file of the site
     * @param links       the links the content wrote, with their source lines
     * @param diagnostics problems found while rendering
     */
    public record Site(SiteFiles files, List<ContentRenderer.LinkRecord> links, List<Diagnostic> diagnostics) {
    }

    public Site render(Catalog catalog) {
        return render(catalog, new SiteFiles());
    }

    /** Renders the site into {@code files} (with a sink: each file goes there as it is made). */
    public Site render(Catalog catalog, SiteFiles files) {
        Job job = new Job(catalog, files);
        if (memo != null && !job.pathBySource.equals(memoLinks)) {
            memo.clear();
            memoLinks = job.pathBySource;
        }
        List<Runnable> tasks = new ArrayList<>();
        for (String locale : job.homeLocales()) { // the largest pages first: none of them is left to run alone
            tasks.add(() -> job.home(locale));
            tasks.add(() -> job.search(locale));
            tasks.add(() -> job.tryPage(locale));
        }
        for (Rule r : catalog.rules()) {
            r.translations().keySet().forEach(l -> tasks.add(() -> job.rulePage(r, l)));
            tasks.add(() -> job.picker(r.id(), r.translations(), SitePaths::rule));
        }
        for (Page p : catalog.pages()) {
            p.translations().keySet().forEach(l -> tasks.add(() -> job.page(p, l)));
        }
        Parallel.run(tasks);
        if (trees != null) {
            trees.clear();
        }
        job.redirects();
        if (memo != null) {
            memo.keySet().retainAll(job.used);
        }
        extras.write(job.files, job.sitemap());
        List<Diagnostic> diags = new ArrayList<>(job.diags);
        diags.sort(Diagnostic.ORDER);
        List<ContentRenderer.LinkRecord> links = new ArrayList<>(job.links);
        return new Site(job.files, links, diags);
    }

    /** One build's state: the catalog, the shared renderers and what the pages produce. */
    private final class Job {
        final Catalog catalog;
        final SiteFiles files;
        final ConcurrentLinkedQueue<Diagnostic> diags = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<ContentRenderer.LinkRecord> links = new ConcurrentLinkedQueue<>();
        final Map<String, String> pathBySource = new TreeMap<>();
        final Map<String, Page> pagesById = new HashMap<>();
        final Map<String, Rule> rulesById = new HashMap<>();
        final ContentRenderer content;
        final java.util.SortedSet<String> locales;
        final java.util.Set<Object> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Job(Catalog catalog, SiteFiles files) {
            this.catalog = catalog;
            this.files = files;
            this.locales = catalog.locales();
            for (Rule r : catalog.rules()) {
                rulesById.putIfAbsent(r.id(), r);
                if (r.kind() == Rule.Kind.RULE) {
                    r.translations().forEach((l, t) -> pathBySource.put(t.source(), SitePaths.rule(l, r.id())));
                }
            }
            for (Page p : catalog.pages()) {
                pagesById.put(p.id(), p);
                p.translations().forEach((l, t) -> pathBySource.put(t.source(), SitePaths.page(l, p.id())));
            }
            this.content = new ContentRenderer(new LinkRewriter(pathBySource, defaultLocale),
                    Vocabulary.standard().appliesToPattern(), trees);
        }

        List<String> homeLocales() {
            List<String> out = new ArrayList<>(locales);
            if (!out.contains(defaultLocale)) {
                out.add(0, defaultLocale);
            }
            return out;
        }

        Common common(String path, String locale, List<LocaleLink> alternates) {
            return new Common(config.title(), locale, Messages.language(locale), SitePaths.root(path), path, CSP,
                    SitePaths.relative(path, SitePaths.home(locale, defaultLocale)), alternates);
        }

        void home(String locale) {
            String path = SitePaths.home(locale, defaultLocale);
            Map<String, Object> vars = catalogPage.variables(catalog, locale, path, pagesById);
            vars.put("site", common(path, locale, homeAlternates(locale, "")));
            // what the page shows is all it depends on: an edit to a rule's body leaves it as it was
            once(path, List.of("home", locale, vars),
                    () -> new Memo(engine.render("catalog.html", locale, vars), List.of(), List.of()));
        }

        /** The same page ({@code sub} below each locale's home: "", "search/", "try/") in every home locale. */
        List<LocaleLink> homeAlternates(String locale, String sub) {
            String path = SitePaths.home(locale, defaultLocale) + sub;
            return homeLocales().stream().map(l -> new LocaleLink(l, languageName(l),
                    SitePaths.relative(path, SitePaths.home(l, defaultLocale) + sub), l.equals(locale), false)).toList();
        }

        /** The search page of a locale: the box, filters with the catalog's values, and the results. */
        void search(String locale) {
            String path = SitePaths.home(locale, defaultLocale) + "search/";
            Map<String, Object> vars = new HashMap<>();
            vars.put("site", common(path, locale, homeAlternates(locale, "search/")));
            vars.put("severities", facetValues(locale, "severity", catalog.rules().stream().map(Rule::severity)));
            vars.put("categories", facetValues(locale, "category", catalog.rules().stream().map(Rule::category)));
            vars.put("products", catalog.rules().stream().map(Rule::product).filter(java.util.Objects::nonNull)
                    .distinct().sorted().toList());
            vars.put("searchLocales", locales.stream().map(l -> new LocaleLink(l, languageName(l), "", false, false))
                    .toList());
            once(path, List.of("search", locale, vars),
                    () -> new Memo(engine.render("search-page.html", locale, vars), List.of(), List.of()));
        }

        /** The validator page of a locale: input, playground and results, with the texts its script shows. */
        void tryPage(String locale) {
            String path = SitePaths.home(locale, defaultLocale) + "try/";
            Map<String, Object> vars = new HashMap<>();
            vars.put("site", common(path, locale, homeAlternates(locale, "try/")));
            vars.put("severities", SEVERITIES.stream().map(k -> labelled("severity", k, locale)).toList());
            vars.put("outcomes", OUTCOMES.stream().map(k -> labelled("outcome", k, locale)).toList());
            Map<String, String> l10n = new TreeMap<>();
            SEVERITIES.forEach(k -> l10n.put("severity." + k, messages.get(locale, "severity." + k)));
            OUTCOMES.forEach(k -> l10n.put("outcome." + k, messages.get(locale, "outcome." + k)));
            TRY_TEXTS.forEach(k -> l10n.put(k, messages.get(locale, "try." + k)));
            l10n.put("copy", messages.get(locale, "copy.button"));
            vars.put("l10n", SiteViews.json(l10n));
            once(path, List.of("try", locale, vars),
                    () -> new Memo(engine.render("try.html", locale, vars), List.of(), List.of()));
        }

        private List<Labelled> facetValues(String locale, String kind, java.util.stream.Stream<String> keys) {
            return keys.filter(java.util.Objects::nonNull).distinct().sorted()
                    .map(k -> labelled(kind, k, locale)).toList();
        }

        /** Renders a page, or takes it from an earlier build when everything it depends on is the same. */
        void once(String path, List<Object> key, java.util.function.Supplier<Memo> render) {
            Memo m = memo == null ? render.get() : memo.computeIfAbsent(key, k -> render.get());
            if (memo != null) {
                used.add(key);
            }
            files.put(SitePaths.file(path), m.html());
            diags.addAll(m.diagnostics());
            links.addAll(m.links());
        }

        void rulePage(Rule r, String locale) {
            Page parentPage = r.parent() == null ? null : pagesById.get(r.parent());
            List<Object> parent = parentPage == null ? null : titleIn(parentPage.id(),
                    parentPage.translations().getOrDefault(locale, parentPage.reference()));
            once(SitePaths.rule(locale, r.id()), java.util.Arrays.asList("rule", r.id(), r.assetId(), r.kind(),
                    r.parent(), r.severity(), r.category(), r.product(), r.operatingSystems(), r.checker(),
                    shown(r.translations().get(locale)), machineTranslated(r.translations()), parent),
                    () -> renderRulePage(r, locale));
        }

        Memo renderRulePage(Rule r, String locale) {
            Translation t = r.translations().get(locale);
            String path = SitePaths.rule(locale, r.id());
            Optional<URI> original = originalUrl(t);
            boolean sub = r.kind() == Rule.Kind.SUB_RULE;
            ContentRenderer.Rendered body = content.render(t.body(), sub ? ContentRenderer.Lead.TITLE
                    : ContentRenderer.Lead.RULE_PAGE, context(t, path, original));
            Link parent = null;
            if (sub && pagesById.containsKey(r.parent())) {
                Page p = pagesById.get(r.parent());
                String pl = p.translations().containsKey(locale) ? locale : p.reference().locale();
                parent = new Link(SitePaths.relative(path, SitePaths.page(pl, p.id())) + "#" + t.anchor(),
                        p.translations().get(pl).title());
            }
            RuleView view = view(r.id(), r.assetId(), t, labelled("severity", r.severity(), locale),
                    labelled("category", r.category(), locale), r.product(), r.operatingSystems(), body.html(),
                    original, parent, List.of(), r.checker());
            Map<String, Object> vars = new HashMap<>();
            vars.put("site", common(path, locale, translations(path, r.translations(), l -> SitePaths.rule(l, r.id()))));
            vars.put("rule", view);
            vars.put("picker", SitePaths.relative(path, SitePaths.rulePicker(r.id())));
            return new Memo(engine.render("rule.html", locale, vars), body.diagnostics(), body.links());
        }

        void page(Page p, String locale) {
            List<Object> rules = p.rules().stream().<Object>map(id -> {
                Rule r = rulesById.get(id);
                return r == null ? null : titleIn(id, r.translations().getOrDefault(locale, r.reference()));
            }).toList();
            once(SitePaths.page(locale, p.id()), java.util.Arrays.asList("page", p.id(), p.assetId(),
                    shown(p.translations().get(locale)), machineTranslated(p.translations()), rules),
                    () -> renderPage(p, locale));
        }

        Memo renderPage(Page p, String locale) {
            Translation t = p.translations().get(locale);
            String path = SitePaths.page(locale, p.id());
            Optional<URI> original = originalUrl(t);
            ContentRenderer.Rendered body = content.render(t.body(), ContentRenderer.Lead.TITLE,
                    context(t, path, original));
            List<Link> rules = new ArrayList<>();
            for (String id : p.rules()) {
                Rule r = rulesById.get(id);
                if (r != null) {
                    String rl = r.translations().containsKey(locale) ? locale : r.reference().locale();
                    rules.add(new Link(SitePaths.relative(path, SitePaths.rule(rl, id)),
                            r.translations().get(rl).title()));
                }
            }
            RuleView view = view(p.id(), p.assetId(), t, null, null, "", List.of(), body.html(), original, null,
                    rules, null);
            Map<String, Object> vars = new HashMap<>();
            vars.put("site", common(path, locale, translations(path, p.translations(), l -> SitePaths.page(l, p.id()))));
            vars.put("page", view);
            return new Memo(engine.render("page.html", locale, vars), body.diagnostics(), body.links());
        }

        void picker(String id, Map<String, Translation> translations, java.util.function.BiFunction<String, String, String> to) {
            String fallback = fallbackLocale(translations);
            once(SitePaths.rulePicker(id), java.util.Arrays.asList("picker", id, machineTranslated(translations),
                    translations.get(fallback).title()),
                    () -> new Memo(renderPicker(id, translations, to), List.of(), List.of()));
        }

        /** The locale a picker falls back to: en-US when there, else the first. */
        private static String fallbackLocale(Map<String, Translation> translations) {
            return translations.containsKey("en-US") ? "en-US" : translations.keySet().iterator().next();
        }

        String renderPicker(String id, Map<String, Translation> translations,
                            java.util.function.BiFunction<String, String, String> to) {
            String path = SitePaths.rulePicker(id);
            List<LocaleLink> links = new ArrayList<>();
            translations.forEach((l, t) -> links.add(new LocaleLink(l, languageName(l),
                    SitePaths.relative(path, to.apply(l, id)), false, t.machineTranslated())));
            String fallback = fallbackLocale(translations);
            Map<String, Object> vars = new HashMap<>();
            vars.put("site", common(path, fallback, List.of()));
            vars.put("title", translations.get(fallback).title());
            vars.put("choices", links);
            vars.put("fallback", fallback);
            return engine.render("pick.html", fallback, vars);
        }

        /*
         * The memo keys of rule pages, pages and pickers hold what the page shows of other translations and rules
         * (their locales, whether machine-translated, their titles), not their whole text: an edit to one
         * translation's body renders that translation's pages again, not its siblings'.
         */

        /**
         * What a page shows of its own translation: the fields {@link #renderRulePage} and {@link #renderPage} read
         * (not its sections, alerts and front matter as parsed, which only restate the body; hashing them for every
         * page of every build cost more than the rest of the key).
         */
        private static List<Object> shown(Translation t) {
            return java.util.Arrays.asList(t.locale(), t.title(), t.description(), t.source(), t.anchor(), t.date(),
                    t.machineTranslated(), t.appliesTo(), t.body(), t.bodyLine(), t.frontMatter().get("original_url"));
        }

        /** Each locale's machine-translated mark, in locale order. */
        private static List<Object> machineTranslated(Map<String, Translation> translations) {
            List<Object> out = new ArrayList<>();
            translations.forEach((l, t) -> {
                out.add(l);
                out.add(t.machineTranslated());
            });
            return out;
        }

        /** The ID, the locale of the translation shown (the reader's, else the reference) and its title. */
        private static List<Object> titleIn(String id, Translation t) {
            return java.util.Arrays.asList(id, t.locale(), t.title());
        }

        /** Redirects from each source file's original name, unless that path is taken by a generated page. */
        void redirects() {
            Map<String, String> targets = new TreeMap<>();
            Map<String, String> sources = new TreeMap<>();
            pathBySource.forEach((source, target) -> {
                String locale = target.substring(0, target.indexOf('/'));
                String from = SitePaths.originalName(locale, source);
                for (String p : new java.util.TreeSet<>(List.of(from, from.toLowerCase(Locale.ROOT)))) {
                    if (files.contains(SitePaths.file(p)) || targets.containsKey(p) && !targets.get(p).equals(target)) {
                        diags.add(new Diagnostic(source, 1, 0, Diagnostic.Level.WARNING, "BPA064", "no redirect from "
                                + "/" + p + ": the path is taken by " + sources.getOrDefault(p, "a generated page"),
                                "rename the file"));
                        continue;
                    }
                    targets.put(p, target);
                    sources.put(p, source);
                }
            });
            Map<String, String> localeByFolder = new HashMap<>();
            locales.forEach(l -> localeByFolder.put(SitePaths.locale(l), l));
            Parallel.run(targets.entrySet().stream().<Runnable>map(e -> () -> {
                String from = e.getKey();
                String target = e.getValue();
                Map<String, Object> vars = new HashMap<>();
                String locale = localeByFolder.getOrDefault(target.substring(0, target.indexOf('/')), defaultLocale);
                vars.put("site", common(from, locale, List.of()));
                vars.put("target", SitePaths.relative(from, target));
                once(from, List.of("redirect", from, target, locale),
                        () -> new Memo(engine.render("redirect.html", locale, vars), List.of(), List.of()));
            }).toList());
        }

        /** Every page for the sitemap, with its alternates. */
        List<String> sitemap() {
            List<String> out = new ArrayList<>();
            homeLocales().forEach(l -> out.add(SitePaths.home(l, defaultLocale)));
            catalog.rules().forEach(r -> r.translations().keySet().forEach(l -> out.add(SitePaths.rule(l, r.id()))));
            catalog.pages().forEach(p -> p.translations().keySet().forEach(l -> out.add(SitePaths.page(l, p.id()))));
            Collections.sort(out);
            return out;
        }

        private ContentRenderer.Context context(Translation t, String path, Optional<URI> original) {
            return new ContentRenderer.Context(t.source(), t.bodyLine(), path, original,
                    key -> messages.get(t.locale(), key));
        }

        private Optional<URI> originalUrl(Translation t) {
            return config.originalUrl(t.locale(), SitePaths.localPath(t.source()), t.frontMatter().get("original_url"));
        }

        private List<LocaleLink> translations(String path, Map<String, Translation> translations,
                                              java.util.function.Function<String, String> to) {
            List<LocaleLink> out = new ArrayList<>();
            translations.forEach((l, t) -> out.add(new LocaleLink(l, languageName(l),
                    SitePaths.relative(path, to.apply(l)), path.equals(to.apply(l)), t.machineTranslated())));
            return out;
        }

        private RuleView view(String id, String assetId, Translation t, Labelled severity, Labelled category,
                              String product, List<String> os, String body, Optional<URI> original, Link parent,
                              List<Link> rules, String checker) {
            Optional<LocalDate> date = date(t.date());
            return new RuleView(id, assetId == null ? "" : assetId, t.title(), t.description(), severity, category,
                    product == null ? "" : product, os, t.appliesTo(), body, t.machineTranslated(), t.date(),
                    date.map(LocalDate::toString).orElse(""),
                    date.map(d -> longDate(t.locale()).format(d)).orElse(t.date()),
                    t.source(), original.map(URI::toString).orElse(""), parent, rules, checker);
        }

        private Labelled labelled(String kind, String key, String locale) {
            String k = key == null ? "unknown" : key;
            return new Labelled(k, messages.get(locale, kind + "." + k));
        }
    }

    private static final List<String> SEVERITIES = List.of("error", "warning", "information");
    private static final List<String> OUTCOMES = List.of("noncompliant", "compliant", "not-applicable",
            "cannot-evaluate", "error", "excluded");
    /** The texts of the validator page's script ({@code try.<key>}); {0}, {1} are filled in by the script. */
    private static final List<String> TRY_TEXTS = List.of("status.loading", "status.ready", "status.reading",
            "status.running", "status.done", "status.unreadable", "status.stopped", "status.empty", "status.loadFailed",
            "summary", "group", "objects", "fix", "missing", "see", "noResults", "pasted", "example", "expected",
            "allRules", "more", "playground.same", "playground.changed", "playground.broken", "tooLarge");

    private static final Map<String, String> LANGUAGE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, DateTimeFormatter> LONG_DATES = new java.util.concurrent.ConcurrentHashMap<>();
    /** The forms {@code ms.date} is written in, tried in this order. */
    private static final List<DateTimeFormatter> DATE_FORMS = java.util.stream.Stream.of("M/d/yyyy", "yyyy-MM-dd",
            "M/d/yy").map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT)).toList();

    /** The name of a language in itself: {@code it-IT} → "Italiano (Italia)". */
    static String languageName(String locale) {
        return LANGUAGE_NAMES.computeIfAbsent(locale, SiteRenderer::nameOf);
    }

    private static String nameOf(String locale) {
        Locale l = Locale.forLanguageTag(locale);
        String name = l.getDisplayName(l);
        return name.isEmpty() ? locale : name.substring(0, 1).toUpperCase(l) + name.substring(1);
    }

    /** The long date format of a locale ({@code 16 agosto 2016}). */
    private static DateTimeFormatter longDate(String locale) {
        return LONG_DATES.computeIfAbsent(locale, l -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(l)));
    }

    /** {@code ms.date} as written ({@code 8/16/2016}, {@code 2016-08-16}) as a date, if it reads as one. */
    static Optional<LocalDate> date(String text) {
        for (DateTimeFormatter form : DATE_FORMS) {
            try {
                return Optional.of(LocalDate.parse(text.strip(), form));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
