package io.bpacat.serve;

import io.bpacat.render.SiteBuilder;
import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One rebuild of {@code bpacat serve}: the site is built again in memory (the template engine and Markdown renderer
 * are kept, unless a template changed), only the files that differ are written to the output folder, and the open
 * pages reload.
 */
public final class Rebuilder {
    private final Supplier<SiteBuilder> fresh;
    private final Path content;
    private final Path out;
    private final DevServer server;
    private final Path templates;
    private SiteBuilder builder;
    private SiteFiles current;

    /**
     * @param fresh     makes a new builder (templates changed)
     * @param templates the user's templates folder, or null
     */
    public Rebuilder(Supplier<SiteBuilder> fresh, SiteBuilder builder, Path content, Path out, DevServer server,
                     SiteFiles current, Path templates) {
        this.fresh = fresh;
        this.builder = builder;
        this.content = content;
        this.out = out;
        this.server = server;
        this.current = current;
        this.templates = templates;
    }

    /**
     * What a rebuild did.
     *
     * @param result  the new build
     * @param written files written or deleted in the output folder
     * @param millis  time from the change to the reload message
     * @param searchMillis time from the change until the new search index was served too
     */
    public record Report(SiteBuilder.Result result, int written, long millis, long searchMillis) {
        public String line() {
            return String.format(Locale.ROOT, "rebuilt in %d ms (search index %d ms): %d files changed", millis,
                    searchMillis, written);
        }
    }

    /**
     * Builds the site again. The open pages reload as soon as the pages are made, served from memory with the
     * previous search index; the new index is served once it is made (the pages need no reload for it, their search
     * loads it when asked), and then the output folder is brought up to date.
     */
    public Report rebuild(List<Path> changed) throws IOException {
        long start = System.nanoTime();
        if (templates != null && changed.stream().anyMatch(p -> p.toAbsolutePath().startsWith(templates))) {
            builder = fresh.get();
        }
        long[] reloaded = {-1};
        SiteBuilder.Result result = builder.build(content, pages -> {
            server.update(pages);
            reloaded[0] = System.nanoTime();
        });
        if (reloaded[0] < 0) {
            server.update(result.files());
            reloaded[0] = System.nanoTime();
        } else {
            server.replace(result.files());
        }
        long searched = System.nanoTime();
        int written = OutputSync.apply(out, current, result.files());
        current = result.files();
        return new Report(result, written, (reloaded[0] - start) / 1_000_000, (searched - start) / 1_000_000);
    }
}
