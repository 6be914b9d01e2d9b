package io.bpacat.catalog;

import io.bpacat.diag.Diagnostics;
import io.bpacat.internal.Parallel;
import io.bpacat.parse.ParsedPage;
import io.bpacat.parse.RulePageParser;
import io.bpacat.parse.Vocabulary;
import io.bpacat.source.SourceDecoder;
import io.bpacat.source.SourceFile;
import io.bpacat.source.SourceScanner;
import io.bpacat.source.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog half of the pipeline: {@link SourceScanner} finds pages, {@link SourceDecoder} decodes them,
 * {@link RulePageParser} parses each one, {@link CatalogAssembler} joins them across locales. Every problem becomes
 * a diagnostic in the result; one broken page never stops the others. {@link CheckerLinker} then links each rule to
 * its checker file.
 */
public final class CatalogBuilder {
    private final SourceScanner scanner = new SourceScanner();
    private final SourceDecoder decoder = new SourceDecoder();
    private final RulePageParser parser;
    private final CatalogAssembler assembler = new CatalogAssembler();
    /** Pages read by earlier builds, by path, when unchanged pages are reused; null otherwise. */
    private final Map<String, Map.Entry<byte[], PageResult>> earlier;

    public CatalogBuilder(String defaultLocale) {
        this(defaultLocale, false);
    }

    /**
     * @param reuseUnchangedPages keep every page's parse between builds and reuse it while the file's bytes are the
     *                            same ({@code bpacat serve} rebuilds this way)
     */
    public CatalogBuilder(String defaultLocale, boolean reuseUnchangedPages) {
        this(defaultLocale, reuseUnchangedPages, null);
    }

    /** @param trees where the parser leaves each body's Markdown tree for the render stage, or null */
    public CatalogBuilder(String defaultLocale, boolean reuseUnchangedPages, io.bpacat.parse.MarkdownTrees trees) {
        this.parser = new RulePageParser(Vocabulary.standard(), defaultLocale, trees);
        this.earlier = reuseUnchangedPages ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    public CatalogBuilder() {
        this("en-US");
    }

    /** Result of a catalog build: the catalog and the decoded sources (for printing diagnostics with their lines). */
    public record Result(Catalog catalog, Map<String, SourceText> sources) {
    }

    private final CheckerLinker linker = new CheckerLinker();

    /** Builds the catalog of a content folder and links each rule to its checker in {@code checkers/}. */
    public Result build(Path contentDir) {
        return build(contentDir, Map.of());
    }

    /**
     * {@link #build(Path)} for a caller that has read some checkers already: their link keys by file
     * ({@link CheckerLinker#link(Catalog, Path, Map)}).
     */
    public Result build(Path contentDir, Map<String, CheckerLinker.Keys> checkerKeys) {
        Result r = build(scanner.scan(contentDir));
        return new Result(linker.link(r.catalog(), contentDir, checkerKeys), r.sources());
    }

    public Result build(List<SourceFile> files) {
        List<PageResult> results = Parallel.map(files, this::read);
        Diagnostics diags = new Diagnostics();
        Map<String, SourceText> sources = new LinkedHashMap<>();
        List<ParsedPage> parsed = new ArrayList<>();
        for (PageResult r : results) {
            r.diagnostics().sorted().forEach(diags::report);
            r.text().ifPresent(t -> sources.put(t.file().path(), t));
            r.page().ifPresent(parsed::add);
        }
        return new Result(assembler.assemble(parsed, diags), sources);
    }

    /** One page read on its own (pages are read in parallel; each keeps its own diagnostics). */
    private record PageResult(Optional<SourceText> text, Optional<ParsedPage> page, Diagnostics diagnostics) {
    }

    private PageResult read(SourceFile f) {
        if (earlier != null) {
            Map.Entry<byte[], PageResult> e = earlier.get(f.path());
            if (e != null && java.util.Arrays.equals(e.getKey(), f.bytes())) {
                return e.getValue();
            }
            PageResult r = readNow(f);
            earlier.put(f.path(), Map.entry(f.bytes(), r));
            return r;
        }
        return readNow(f);
    }

    private PageResult readNow(SourceFile f) {
        Diagnostics diags = new Diagnostics();
        Optional<SourceText> text = decoder.decode(f, diags);
        return new PageResult(text, text.flatMap(t -> parse(t, diags)), diags);
    }

    /** Parses one page; a parser failure becomes an error naming the page instead of ending the build. */
    private Optional<ParsedPage> parse(SourceText text, Diagnostics diags) {
        try {
            return Optional.of(parser.parse(text, diags));
        } catch (RuntimeException | StackOverflowError e) {
            diags.error(text.file().path(), 0, 0, "BPA099", "the page could not be parsed: " + e,
                    "simplify the page's structure, and report this as a bpacat bug with the page attached");
            return Optional.empty();
        }
    }
}
