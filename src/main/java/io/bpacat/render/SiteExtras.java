package io.bpacat.render;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files around the pages: {@code catalog.json}, {@code 404.html}, {@code sitemap.xml}, {@code robots.txt},
 * the OpenSearch description and the static assets (style sheet, scripts, favicon).
 */
final class SiteExtras {
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

    void write(Catalog catalog, SiteFiles files, List<String> sitemap) {
        files.put("catalog.json", CatalogJson.write(catalog));
        for (String asset : templates.assets()) {
            files.put(SitePaths.ASSETS + asset, templates.read("assets/" + asset));
        }
        files.put("404.html", engine.render("404.html", defaultLocale, common("404.html")));
        Map<String, Object> vars = common("sitemap.xml");
        vars.put("urls", sitemap);
        vars.put("base", config.baseUrl().isEmpty() ? config.basePath() : config.baseUrl());
        files.put("sitemap.xml", engine.render("sitemap.xml", defaultLocale, vars));
        files.put("robots.txt", engine.render("robots.txt", defaultLocale, vars));
        files.put("opensearch.xml", engine.render("opensearch.xml", defaultLocale, vars));
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
