package io.bpacat.render;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files around the pages: {@code 404.html}, {@code sitemap.xml}, {@code robots.txt}, the OpenSearch
 * description and the static assets (style sheet, scripts, favicon), and the place of {@code catalog.json}, which
 * {@link SiteBuilder} writes once every diagnostic of the build is known. One instance serves every build of a
 * renderer: the assets and the 404 page are read and rendered once, the sitemap files again only when the list of
 * pages changed.
 */
final class SiteExtras {
    /** Its bytes are {@link SiteBuilder}'s to write: what the link check sees here is only that it exists. */
    static final String CATALOG_JSON = "catalog.json";

    private final TemplateSource templates;
    private final TemplateRenderer engine;
    private final SiteConfig config;
    private final String defaultLocale;

    SiteExtras(TemplateSource templates, TemplateRenderer engine, SiteConfig config, String defaultLocale) {
        this.templates = templates;
        this.engine = engine;
        this.config = config;
        this.defaultLocale = defaultLocale;
    }

    /** The assets and the 404 page, once made. */
    private Map<String, byte[]> fixed;
    private List<String> lastSitemap;
    private Map<String, byte[]> sitemapFiles;

    void write(SiteFiles files, List<String> sitemap) {
        files.put(CATALOG_JSON, new byte[0]);
        if (fixed == null) {
            Map<String, byte[]> made = new TreeMap<>();
            for (String asset : templates.assets()) {
                made.put(SitePaths.ASSETS + asset, templates.read("assets/" + asset));
            }
            made.put("404.html", bytes(engine.render("404.html", defaultLocale, common("404.html"))));
            fixed = made;
        }
        if (!sitemap.equals(lastSitemap)) {
            Map<String, Object> vars = common("sitemap.xml");
            vars.put("urls", sitemap);
            vars.put("base", config.baseUrl().isEmpty() ? config.basePath() : config.baseUrl());
            Map<String, byte[]> made = new TreeMap<>();
            for (String name : List.of("sitemap.xml", "robots.txt", "opensearch.xml")) {
                made.put(name, bytes(engine.render(name, defaultLocale, vars)));
            }
            sitemapFiles = made;
            lastSitemap = List.copyOf(sitemap);
        }
        fixed.forEach(files::put);
        sitemapFiles.forEach(files::put);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> common(String path) {
        Map<String, Object> vars = new HashMap<>();
        String root = config.basePath();
        vars.put("site", new SiteViews.Common(config.title(), defaultLocale, Messages.language(defaultLocale), root,
                path, SiteRenderer.CSP, root, List.of()));
        vars.put("config", config);
        return vars;
    }
}
