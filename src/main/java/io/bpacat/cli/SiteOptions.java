package io.bpacat.cli;

import io.bpacat.render.SiteBuilder;
import io.bpacat.render.TemplateSource;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of the commands that generate the site. */
final class SiteOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "output",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Your own copy of site-templates/ (files it lacks come from bpacat's).")
    Path templates;

    @Option(names = "--site-config", paramLabel = "FILE",
            description = "Site settings (title, baseUrl, origin) (default: site.yaml in the content folder).")
    Path siteConfig;

    SiteBuilder builder(ContentOptions content) {
        return builder(content, false);
    }

    /** @param incremental keep parses and pages between builds, for {@code serve} */
    SiteBuilder builder(ContentOptions content, boolean incremental) {
        TemplateSource source = templates == null ? TemplateSource.builtIn() : TemplateSource.folder(templates);
        return new SiteBuilder(content.defaultLocale, source, Optional.ofNullable(siteConfig), incremental);
    }
}
