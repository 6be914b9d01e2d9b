package io.bpacat.render;

import java.util.List;

/**
 * What the templates see: small immutable views, one per kind of thing a page shows. Templates call their
 * accessors ({@code ${rule.title()}}); all text is plain and escaped by Thymeleaf, except {@link RuleView#body()},
 * which is sanitized HTML.
 */
public final class SiteViews {
    private SiteViews() {
    }

    /**
     * What every page shares.
     *
     * @param title       site title
     * @param lang        language of the page (BCP 47)
     * @param uiLang      interface language ({@code it})
     * @param root        relative prefix from the page to the site root ({@code ../../}), or the base path on 404.html
     * @param path        the page's own site path
     * @param csp         the Content-Security-Policy
     * @param home        link to the catalog home in the page's language
     * @param alternates  the same page in other languages
     */
    public record Common(String title, String lang, String uiLang, String root, String path, String csp, String home,
                         List<LocaleLink> alternates) {
        /** The relative link to the search page of this page's locale. */
        public String search() {
            return home + "search/";
        }

        /** The relative link to the validator page ({@code /try/}) of this page's locale. */
        public String tryIt() {
            return home + "try/";
        }
    }

    /**
     * A link to a page in a language.
     *
     * @param locale            BCP 47 locale
     * @param name              the language's own name ({@code italiano (Italia)})
     * @param href              relative link
     * @param current           whether it is the page being shown
     * @param machineTranslated whether that translation is machine-made
     */
    public record LocaleLink(String locale, String name, String href, boolean current, boolean machineTranslated) {
    }

    /** A value with its localized label: {@code error} / "Errore". */
    public record Labelled(String key, String label) {
    }

    /**
     * One row of the catalog.
     *
     * @param id        rule ID
     * @param href      link to its page in the catalog's language (or its reference language)
     * @param title     title in that language
     * @param lang      language of the title
     * @param severity  severity key and label
     * @param category  category key and label
     * @param product   product, or empty
     * @param os        operating systems
     * @param locales   locales it is written in
     * @param checker   whether it has a checker
     * @param parent    title of the multi-rule page it belongs to, or empty
     */
    public record RuleRow(String id, String href, String title, String lang, Labelled severity, Labelled category,
                          String product, List<String> os, List<String> locales, boolean checker, String parent) {
        /** Multi-valued facets in a data attribute, separated by {@code |}. */
        public String osData() {
            return String.join("|", os);
        }

        public String localesData() {
            return String.join("|", locales);
        }
    }

    /**
     * A facet of the catalog filter.
     *
     * @param key    URL parameter ({@code severity})
     * @param label  localized heading
     * @param values its values with their counts over the whole catalog
     */
    public record Facet(String key, String label, List<FacetValue> values) {
    }

    public record FacetValue(String value, String label, int count) {
    }

    /**
     * A rule or page as its page shows it.
     *
     * @param id                 rule or page ID
     * @param assetId            asset ID, or empty
     * @param title              title
     * @param description        front-matter description, or empty
     * @param severity           severity, or null for pages
     * @param category           category, or null for pages
     * @param product            product, or empty
     * @param os                 operating systems
     * @param appliesTo          "Applies to" value, or empty
     * @param body               sanitized HTML of the body
     * @param machineTranslated  whether the translation is machine-made
     * @param date               last-updated date as written, or empty
     * @param dateIso            the same as an ISO date, or empty when it cannot be read
     * @param dateDisplay        the date in the page's language
     * @param source             source path relative to the content folder
     * @param original           link to the original page, or empty
     * @param parent             link to the page it is part of, or null
     * @param rules              links to the rules of a multi-rule page
     * @param checker            the checker file, relative to the content folder, or null
     */
    public record RuleView(String id, String assetId, String title, String description, Labelled severity,
                           Labelled category, String product, List<String> os, String appliesTo, String body,
                           boolean machineTranslated, String date, String dateIso, String dateDisplay, String source,
                           String original, Link parent, List<Link> rules, String checker) {
    }

    /** A link with its text. */
    public record Link(String href, String text) {
    }

    /** A value as JSON text, for a {@code data-} attribute a script reads (Thymeleaf escapes the attribute). */
    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not serializable as JSON: " + value, e);
        }
    }
}
