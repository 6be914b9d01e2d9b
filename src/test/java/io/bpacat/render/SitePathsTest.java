package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SitePathsTest {
    @Test
    void relativeLinksBetweenFolders() {
        assertEquals("../../../it-it/rules/x/", SitePaths.relative("en-us/rules/y/", "it-it/rules/x/"));
        assertEquals("../x/", SitePaths.relative("en-us/rules/y/", "en-us/rules/x/"));
        assertEquals("./", SitePaths.relative("en-us/rules/x/", "en-us/rules/x/"));
        assertEquals("en-us/rules/x/", SitePaths.relative("", "en-us/rules/x/"));
        assertEquals("../../", SitePaths.relative("it-it/rules/x/", "it-it/"));
        assertEquals("../../../", SitePaths.relative("it-it/rules/x/", ""));
        assertEquals("assets/site.css", SitePaths.relative("404.html", "assets/site.css"));
    }

    @Test
    void rootPrefixCountsFolders() {
        assertEquals("", SitePaths.root(""));
        assertEquals("../../../", SitePaths.root("it-it/rules/x/"));
        assertEquals("", SitePaths.root("404.html"));
    }

    @Test
    void localesAreLowerCaseAndFileNamesKeepTheirCase() {
        assertEquals("it-it/rules/abc/", SitePaths.rule("it-IT", "abc"));
        assertEquals("it-it/Avoid-pausing/", SitePaths.originalName("it-IT", "it-it/Avoid-pausing.md"));
        assertEquals("de-de/sub/Page/", SitePaths.originalName("de-DE", "de-de/sub/Page.md"));
        assertEquals("Page.md", SitePaths.localPath("Page.md"));
        assertEquals("", SitePaths.home("en-US", "en-US"));
        assertEquals("fr-fr/", SitePaths.home("fr-FR", "en-US"));
    }

    @Test
    void onlyAFinalMdEndingInAnyCaseIsDropped() {
        assertEquals("it-it/Page/", SitePaths.originalName("it-IT", "it-it/Page.MD"));
        assertEquals("a/b", SitePaths.withoutMd("a/b.Md"));
        assertEquals("a.md/b", SitePaths.withoutMd("a.md/b"));
        assertEquals("a/b.mdx", SitePaths.withoutMd("a/b.mdx"));
        assertEquals("", SitePaths.withoutMd(".md"));
        assertEquals("md", SitePaths.withoutMd("md"));
    }
}
