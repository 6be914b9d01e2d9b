package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.catalog.Rule;
import io.bpacat.check.CheckerBundle;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.InventoryModel;
import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files of the /try/ page in a build of our own content: the bundle, the model, the rules, the samples. */
class TryFilesTest {
    private static final Path CONTENT = Path.of("content");
    private static final SiteBuilder.Result SITE = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
            .build(CONTENT);

    private static String text(String path) {
        assertTrue(SITE.files().contains(path), "no " + path);
        return new String(SITE.files().get(path), StandardCharsets.UTF_8);
    }

    @Test
    void theBundleIsTheCheckersBpacatValidateRunsWithTheCatalogsRuleIds() {
        var checkers = new CheckerLoader().loadAll(CONTENT, new Diagnostics());
        assertEquals(CheckerBundle.write(checkers, InventoryModel.standard(), SITE.catalog().catalog()),
                text("try/checkers.json"));
        assertEquals(InventoryModel.standard().json(), text("try/model.json"));
    }

    @Test
    void rulesJsonHasEveryRuleWithACheckerWithItsTitleAndPageInEachLanguage() throws Exception {
        JsonNode rules = new ObjectMapper().readTree(text("try/rules.json"));
        List<Rule> withChecker = SITE.catalog().catalog().rules().stream().filter(r -> r.checker() != null).toList();
        assertEquals(withChecker.size(), rules.size());
        for (Rule r : withChecker) {
            JsonNode j = rules.get(r.id());
            assertEquals(r.severity(), j.get("severity").asText(null), r.id());
            r.translations().forEach((l, t) -> {
                assertEquals(t.title(), j.get("titles").get(l).asText());
                assertTrue(SITE.files().contains(j.get("pages").get(l).asText() + "index.html"), l + " " + r.id());
            });
        }
    }

    @Test
    void everyLocaleHasATryPageAndEveryRuleWithACheckerLinksToIt() {
        for (String locale : SITE.catalog().catalog().locales()) {
            String path = SitePaths.home(locale, "en-US") + "try/index.html";
            assertTrue(text(path).contains("data-try-page"), path);
        }
        TryFiles.SAMPLES.forEach(s -> text("try/samples/" + s));
        for (Rule r : SITE.catalog().catalog().rules()) {
            if (r.translations().containsKey("en-US")) {
                String page = text(SitePaths.rule("en-US", r.id()) + "index.html");
                assertEquals(r.checker() != null, page.contains("href=\"../../../try/?rule=" + r.id() + "\""), r.id());
            }
        }
        assertEquals(List.of(), SITE.broken(), "links of the try pages resolve");
    }
}
