package io.bpacat.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rewrites the links of a page's Markdown for the generated site. A relative link to a page in the catalog leads to
 * that page's generated page (in the fallback locale when the linking page's locale lacks it); any other relative or site-rooted link becomes an absolute link to the original site
 * when it is known (front matter {@code original_url} or {@code origin} in the site settings); otherwise it stays
 * as written, with a problem to report. Absolute links stay as they are.
 */
public final class LinkRewriter {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Map<String, String> pathsBySource;
    private final Map<String, String> pathsBySourceFolded = new TreeMap<>();
    private final Map<String, String> pathsByLocalPath = new TreeMap<>();

    /**
     * @param pathsBySource  site path of the generated page for each source file (content-relative path)
     * @param fallbackLocale the locale whose page a link leads to when the linking page's locale lacks the target
     */
    public LinkRewriter(Map<String, String> pathsBySource, String fallbackLocale) {
        this.pathsBySource = Map.copyOf(pathsBySource);
        String preferred = SitePaths.locale(fallbackLocale) + "/";
        pathsBySource.forEach((k, v) -> {
            pathsBySourceFolded.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
            String local = SitePaths.localPath(k).toLowerCase(Locale.ROOT);
            if (v.startsWith(preferred) || !pathsByLocalPath.containsKey(local)) {
                pathsByLocalPath.put(local, v);
            }
        });
    }

    /**
     * A rewritten link.
     *
     * @param href    the link to write
     * @param problem why the link could not be resolved, or empty
     */
    public record Result(String href, String problem) {
        static Result keep(String href) {
            return new Result(href, "");
        }
    }

    /**
     * @param href     the link as written in the Markdown
     * @param source   the page's source path (content-relative)
     * @param pagePath the site path of the page being generated
     * @param original the page's URL on its original site, if known
     */
    public Result rewrite(String href, String source, String pagePath, Optional<URI> original) {
        String h = href.strip();
        if (h.isEmpty() || h.startsWith("#") || SCHEME.matcher(h).find()) {
            return Result.keep(h);
        }
        if (h.startsWith("//")) {
            return Result.keep("https:" + h);
        }
        int cut = firstOf(h, '#', '?');
        String path = h.substring(0, cut);
        String suffix = h.substring(cut);
        if (!h.startsWith("/")) {
            Optional<String> target = inCatalog(resolve(source, path));
            if (target.isPresent()) {
                String fragment = suffix.contains("#") ? suffix.substring(suffix.indexOf('#')) : "";
                return Result.keep(SitePaths.relative(pagePath, target.get()) + fragment);
            }
        }
        if (original.isPresent()) {
            return toOriginal(h, path, suffix, original.get());
        }
        return new Result(h, h.startsWith("/") ? "site-rooted link " + h + " leads outside the catalog, and the page's"
                + " original site is unknown" : "relative link " + h + " leads to no page of the catalog, and the"
                + " page's original site is unknown");
    }

    private static Result toOriginal(String h, String path, String suffix, URI original) {
        String p = SitePaths.withoutMd(path);
        try {
            return Result.keep(original.resolve(new URI(null, null, p, null)).toString() + suffix);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Result(h, "link " + h + " is not a valid URL path");
        }
    }

    private Optional<String> inCatalog(String resolved) {
        if (resolved == null) {
            return Optional.empty();
        }
        String folderless = resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
        for (String candidate : new String[] {resolved, resolved + ".md", folderless + ".md"}) {
            String hit = pathsBySource.get(candidate);
            if (hit == null) {
                hit = pathsBySourceFolded.get(candidate.toLowerCase(Locale.ROOT));
            }
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        for (String candidate : new String[] {resolved, resolved + ".md"}) {
            String hit = pathsByLocalPath.get(SitePaths.localPath(candidate).toLowerCase(Locale.ROOT));
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        return Optional.empty();
    }

    /** Resolves a relative path against a source file's folder; null when it climbs out of the content folder. */
    static String resolve(String source, String relative) {
        String dir = source.contains("/") ? source.substring(0, source.lastIndexOf('/') + 1) : "";
        String decoded = relative.replace("%20", " ");
        String[] parts = (dir + decoded).split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String part : parts) {
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.removeLast();
            } else if (!part.equals(".") && !part.isEmpty()) {
                out.addLast(part);
            }
        }
        return String.join("/", out);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? (j < 0 ? s.length() : j) : (j < 0 ? i : Math.min(i, j));
    }
}
