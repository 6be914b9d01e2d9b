package io.bpacat.render;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.catalog.CatalogJson;
import io.bpacat.check.Checker;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.InventoryModel;
import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import io.bpacat.index.IncrementalSearchIndex;
import io.bpacat.index.SearchExport;
import io.bpacat.index.SearchIndex;
import io.bpacat.parse.MarkdownTrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the site from a content folder. The whole pipeline, in order:
 * <ol>
 * <li>{@link CatalogBuilder}: {@code SourceScanner} finds the pages, {@code RulePageParser} parses each one,
 * {@code CatalogAssembler} joins them across locales into the catalog;</li>
 * <li>{@link SiteConfig}: the site settings ({@code site.yaml});</li>
 * <li>{@link SiteRenderer}: every page of the site in memory, with {@link ContentRenderer} turning Markdown into
 * safe HTML and {@link TemplateRenderer} filling the templates;</li>
 * <li>{@link LinkChecker}: every internal link and anchor must resolve; a broken one becomes a diagnostic on the
 * source file and line that wrote it;</li>
 * <li>{@code catalog.json} with every diagnostic; {@link SearchIndex} and {@link SearchExport}: the Lucene
 * index of each locale, exported as the files the browser's search reads (made on their own thread while the
 * pages are rendered);</li>
 * <li>{@link CheckerLoader} and {@link TryFiles}: the checkers as the bundle the {@code /try/} page's validator runs,
 * with the inventory model, the rules' titles and the sample inventories;</li>
 * <li>{@link #write}: the files go to a fresh folder that replaces the output folder only once complete
 * ({@link OutputFolder}).</li>
 * </ol>
 * One builder keeps its template engine and Markdown renderer for every build ({@code bpacat serve} rebuilds with it).
 */
public final class SiteBuilder {
    private final CatalogBuilder catalogBuilder;
    private final TemplateSource templates;
    private final String defaultLocale;
    private final Optional<Path> configFile;
    private final boolean incremental;
    private SiteRenderer renderer;
    private SiteConfig rendererConfig;
    private LinkChecker checker;
    private final CheckerLoader checkerLoader;
    /** The last build's search export (incremental builds: serve shows it while the next one is made). */
    private SiteFiles lastSearch;
    /** The search index kept between builds; null unless incremental. */
    private final IncrementalSearchIndex searchIndex;
    /**
     * The Markdown trees the catalog stage parsed, rendered without parsing the bodies again (a full build); null when
     * incremental, where few pages are rendered and the trees would only take memory.
     */
    private final MarkdownTrees trees;
    /** The checkers' bundle of the last build, reused while it is written from the same objects (serve). */
    private final TryFiles.BundleMemo bundleMemo = new TryFiles.BundleMemo();

    public SiteBuilder(String defaultLocale, TemplateSource templates, Optional<Path> configFile) {
        this(defaultLocale, templates, configFile, false);
    }

    /**
     * @param incremental keep what each build parsed and rendered, and redo on the next build only the pages whose
     *                    input changed ({@code bpacat serve}); the output is the same as a full build's
     */
    public SiteBuilder(String defaultLocale, TemplateSource templates, Optional<Path> configFile, boolean incremental) {
        this.trees = incremental ? null : new MarkdownTrees();
        this.catalogBuilder = new CatalogBuilder(defaultLocale, incremental, trees);
        this.templates = templates;
        this.defaultLocale = defaultLocale;
        this.configFile = configFile;
        this.incremental = incremental;
        this.checkerLoader = new CheckerLoader(InventoryModel.standard(), incremental);
        this.searchIndex = incremental ? new IncrementalSearchIndex() : null;
    }

    /**
     * A built site.
     *
     * @param catalog the catalog build (the catalog, with every diagnostic of the build, and the decoded sources)
     * @param files   every file of the site
     * @param broken  the broken internal links found
     */
    public record Result(CatalogBuilder.Result catalog, SiteFiles files, List<LinkChecker.Broken> broken) {
    }

    /**
     * Builds the site of a content folder. The search index and its export, which need nothing but the catalog, are
     * made on a thread of their own while the pages are rendered and checked; their files join the site at the end.
     */
    public Result build(Path content) {
        return build(content, null);
    }

    /**
     * Builds the site of a content folder; {@code pagesReady} (serve's, on an incremental builder) gets the site as
     * soon as its pages are made, with the previous build's search export (a whole one, consistent in itself) in
     * place of the one still being made: the open pages reload without waiting for the search index, which follows
     * in the build returned. Not called on the first build, which has no earlier export.
     */
    public Result build(Path content, Consumer<SiteFiles> pagesReady) {
        return build(content, pagesReady, Output.IN_MEMORY);
    }

    /**
     * Builds the site of a content folder into an output folder, which is replaced as a whole once everything is
     * written (a failed build leaves it as it was). The files are written while the build makes them (OutputWriter);
     * the result keeps their bytes.
     */
    public Result buildInto(Path content, Path out) {
        return buildInto(content, out, true, true);
    }

    /**
     * buildInto(content, out), where {@code keep} says whether the result keeps the files' bytes ({@code serve}
     * serves them from memory) and {@code keepPrevious} whether the output replaced is kept beside the new one for
     * the next build to write into ({@link OutputFolder}; false deletes it, and any kept before). A build that does
     * not keep the bytes reads each page's links for the link check as the page is made, and holds no more than the
     * paths of the files it wrote: the bytes of a large site do not stay in memory, each copied by the collector, to
     * the end of the build.
     */
    public Result buildInto(Path content, Path out, boolean keep, boolean keepPrevious) {
        List<Result> built = new ArrayList<>(1);
        OutputFolder.replace(out, (folder, previous) -> {
            try (OutputWriter writer = new OutputWriter(folder, previous)) {
                LinkChecker.Scans scans = keep ? null : new LinkChecker.Scans();
                BiConsumer<String, byte[]> sink = keep ? writer::offer : (path, bytes) -> {
                    scans.add(path, bytes);
                    writer.offer(path, bytes);
                };
                Result result = build(content, null, new Output(() -> new SiteFiles(sink, keep), scans));
                writer.finish(result.files());
                built.add(result);
            }
        }, keepPrevious);
        return built.get(0);
    }

    /**
     * Where a build's files go.
     *
     * @param files makes each set of files (the pages', the search export's), with the sink that writes them, if any
     * @param scans the pages' links, read as they are made; null where the files keep their bytes
     */
    private record Output(Supplier<SiteFiles> files, LinkChecker.Scans scans) {
        static final Output IN_MEMORY = new Output(SiteFiles::new, null);
    }

    /** build(content, pagesReady), with the files made as {@code output} says. */
    private Result build(Path content, Consumer<SiteFiles> pagesReady, Output output) {
        CatalogBuilder.Result cat = catalogBuilder.build(content);
        // serve makes the pages first, with every processor, and the search index after them
        boolean pagesFirst = pagesReady != null && lastSearch != null;
        CompletableFuture<Void> pagesMade = new CompletableFuture<>();
        CompletableFuture<SiteFiles> search = (pagesFirst ? pagesMade : CompletableFuture.<Void>completedFuture(null))
                .thenApplyAsync(v -> searchFiles(cat.catalog(), output.files().get()),
                        task -> new Thread(task, "bpacat-search").start());
        try {
            Result result;
            try {
                result = pages(content, cat, output);
            } finally {
                pagesMade.complete(null);
            }
            if (pagesFirst) {
                pagesReady.accept(result.files().with(lastSearch));
            }
            SiteFiles searchFiles = search.join();
            if (incremental) {
                lastSearch = searchFiles;
            }
            // as made (their sink, if any, had them then)
            result.files().putAll(searchFiles);
            return result;
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            search.handle((files, failure) -> null).join();
        }
    }

    /** The search export: each locale's index, as the files the browser's search reads. */
    private SiteFiles searchFiles(Catalog catalog, SiteFiles files) {
        try (SearchIndex index = searchIndex == null ? SearchIndex.build(catalog) : searchIndex.build(catalog)) {
            SearchExport.write(index, files::put);
        }
        return files;
    }

    /** Everything but the search export: the pages, the link check, catalog.json and the checkers' files. */
    private Result pages(Path content, CatalogBuilder.Result cat, Output output) {
        Diagnostics configDiags = new Diagnostics();
        Path file = configFile.orElse(content.resolve(SiteConfig.FILE_NAME));
        SiteConfig config = SiteConfig.read(file, configFile.isPresent() ? file.toString() : SiteConfig.FILE_NAME,
                configDiags);
        SiteRenderer.Site site = renderer(config).render(cat.catalog(), output.files().get());
        if (checker == null || !checker.basePath().equals(config.basePath())) {
            checker = new LinkChecker(config.basePath(), incremental);
        }
        List<LinkChecker.Broken> broken = checker.check(site.files(), output.scans());
        List<Diagnostic> all = new ArrayList<>(cat.catalog().diagnostics());
        all.addAll(configDiags.sorted());
        all.addAll(site.diagnostics());
        Diagnostics checkerDiags = new Diagnostics();
        List<Checker> checkers = checkerLoader.loadAll(content, checkerDiags);
        all.addAll(checkerDiags.sorted());
        all.addAll(linkDiagnostics(broken, site.links()));
        if (config.baseUrl().isEmpty()) {
            all.add(new Diagnostic(SiteConfig.FILE_NAME, 0, 0, Diagnostic.Level.INFO, "BPA065", "no baseUrl: "
                    + "sitemap.xml, robots.txt and opensearch.xml give site-relative URLs", "set 'baseUrl' in site.yaml"));
        }
        all.sort(Diagnostic.ORDER);
        Catalog catalog = new Catalog(cat.catalog().rules(), cat.catalog().pages(), all);
        site.files().replace(SiteExtras.CATALOG_JSON, CatalogJson.write(catalog));
        TryFiles.write(catalog, checkers, InventoryModel.standard(), templates, site.files(), bundleMemo);
        return new Result(new CatalogBuilder.Result(catalog, cat.sources()), site.files(), broken);
    }

    private SiteRenderer renderer(SiteConfig config) {
        if (renderer == null || !config.equals(rendererConfig)) {
            renderer = new SiteRenderer(templates, config, defaultLocale, incremental, trees);
            rendererConfig = config;
        }
        return renderer;
    }

    /** Writes a built site: the output folder is replaced as a whole, or left as it was when writing fails. */
    public static void write(Result result, Path out) {
        OutputFolder.replace(out, result.files()::writeTo);
    }

    /** Broken links as diagnostics: on the content line that wrote the link, else on the template. */
    private static List<Diagnostic> linkDiagnostics(List<LinkChecker.Broken> broken,
                                                    List<ContentRenderer.LinkRecord> links) {
        Map<String, ContentRenderer.LinkRecord> byPageAndHref = new HashMap<>();
        links.forEach(l -> byPageAndHref.putIfAbsent(l.pagePath() + "\n" + l.href(), l));
        List<Diagnostic> out = new ArrayList<>();
        for (LinkChecker.Broken b : broken) {
            String page = b.page().endsWith("index.html") ? b.page().substring(0, b.page().length() - 10) : b.page();
            ContentRenderer.LinkRecord rec = byPageAndHref.get(page + "\n" + b.href());
            if (rec != null) {
                out.add(new Diagnostic(rec.source(), rec.line(), 0, Diagnostic.Level.WARNING, "BPA060",
                        "broken link " + b.href() + ": " + b.reason(), "correct the link or its target's anchor"));
            } else {
                out.add(new Diagnostic("(generated) " + b.page(), 0, 0, Diagnostic.Level.ERROR, "BPA060", "broken link "
                        + b.href() + ": " + b.reason(),
                        "a template or bpacat itself wrote it: please report it"));
            }
        }
        return out;
    }
}
