package io.bpacat.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Site settings, read from {@code site.yaml} in the content folder (or a file named with {@code --site-config}).
 * Every key is optional:
 * <pre>
 * title: Hyper-V best practices            # shown in the header and the page titles
 * baseUrl: https://example.org/bpa/         # where the site is published: sitemap.xml, robots.txt, OpenSearch
 * origin: https://learn.microsoft.com/{locale}/windows-server/virtualization/hyper-v/best-practices-analyzer/
 *                                           # where the pages were published originally ({locale}: en-us)
 * </pre>
 * A page's own {@code original_url} front-matter key overrides {@code origin} for that page.
 *
 * @param title   site title
 * @param baseUrl absolute URL of the published site, ending in a slash, or empty
 * @param origin  URL template of the original site's folder, with {@code {locale}}, or empty
 */
public record SiteConfig(String title, String baseUrl, String origin) {
    public static final String FILE_NAME = "site.yaml";
    public static final String DEFAULT_TITLE = "BPA rule catalog";

    public static SiteConfig defaults() {
        return new SiteConfig(DEFAULT_TITLE, "", "");
    }

    /** The path part of {@link #baseUrl} ({@code /bpa/}), or {@code /}: 404.html links from there. */
    public String basePath() {
        if (baseUrl.isEmpty()) {
            return "/";
        }
        String p = URI.create(baseUrl).getRawPath();
        return p == null || p.isEmpty() ? "/" : p.endsWith("/") ? p : p + "/";
    }

    /** The original URL of a page, from its front matter or the origin template; empty when unknown. */
    public Optional<URI> originalUrl(String locale, String localPath, Object frontMatterUrl) {
        if (frontMatterUrl instanceof String s && s.startsWith("http")) {
            return parse(s);
        }
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        String folder = origin.replace("{locale}", locale.toLowerCase(Locale.ROOT));
        String page = SitePaths.withoutMd(localPath);
        return parse(folder.endsWith("/") ? folder : folder + "/").map(u -> u.resolve(encodePath(page)));
    }

    private static String encodePath(String path) {
        return path.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    }

    private static Optional<URI> parse(String s) {
        try {
            return Optional.of(new URI(s));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the settings file; a missing file gives the defaults, a broken one the defaults plus an error naming the
     * file and line.
     *
     * @param file       the settings file
     * @param reportedAs the path printed in diagnostics
     */
    public static SiteConfig read(Path file, String reportedAs, Diagnostics diags) {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || n.isMissingNode() || n.isNull()) {
                return defaults();
            }
            if (!n.isObject()) {
                diags.error(reportedAs, 1, 1, "BPA066", "site settings are not a mapping; using the defaults",
                        "write 'title: ...', 'baseUrl: ...', 'origin: ...' lines");
                return defaults();
            }
            return new SiteConfig(n.path("title").asText(DEFAULT_TITLE), checkedUrl(n, "baseUrl", reportedAs, diags),
                    checkedUrl(n, "origin", reportedAs, diags));
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 1;
            diags.error(reportedAs, line, 1, "BPA066", "site settings cannot be read: "
                    + e.getMessage().lines().findFirst().orElse("") + "; using the defaults", "fix the YAML syntax");
            return defaults();
        }
    }

    private static String checkedUrl(JsonNode n, String key, String reportedAs, Diagnostics diags) {
        String v = n.path(key).asText("").strip();
        if (v.isEmpty()) {
            return "";
        }
        Optional<URI> u = parse(v.replace("{locale}", "en-us"));
        if (u.isEmpty() || !u.get().isAbsolute() || !u.get().getScheme().startsWith("http")) {
            diags.error(reportedAs, 1, 1, "BPA066", key + " \"" + v + "\" is not an absolute http(s) URL; ignored",
                    "write the full URL, such as https://example.org/docs/");
            return "";
        }
        return key.equals("baseUrl") && !v.endsWith("/") ? v + "/" : v;
    }
}
