package io.bpacat.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpacat.TestPaths;
import io.bpacat.diag.Diagnostic;
import io.bpacat.parse.SectionRole;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our own small pages in locales beyond the corpus, with their localized labels and headings. */
class LocaleFixturesTest {
    private final CatalogBuilder.Result result = new CatalogBuilder().build(TestPaths.fixture("locales"));

    @Test
    void joinsFiveLocalesIntoOneRule() {
        Catalog c = result.catalog();
        assertEquals(1, c.rules().size());
        Rule r = c.rules().get(0);
        assertEquals(Set.of("en-US", "es-ES", "ja-JP", "pt-BR", "zh-CN"), r.translations().keySet());
        assertEquals("warning", r.severity());
        assertEquals("performance", r.category());
        assertEquals("Hyper-V", r.product());
        assertEquals(List.of("Windows Server 2016"), r.operatingSystems());
    }

    @Test
    void everyLocaleReadsItsOwnLabelsWithoutComplaint() {
        List<Diagnostic> notInfo = result.catalog().diagnostics().stream()
                .filter(d -> d.level() != Diagnostic.Level.INFO).toList();
        assertEquals(List.of(), notInfo);
    }

    @Test
    void localizedHeadingsAndAppliesToAreRecognized() {
        Rule r = result.catalog().rules().get(0);
        for (Translation t : r.translations().values()) {
            assertEquals(Set.of(SectionRole.ISSUE, SectionRole.IMPACT, SectionRole.RESOLUTION), t.sections().keySet(),
                    t.locale());
            assertEquals("Windows Server 2016", t.appliesTo(), t.locale());
        }
        assertEquals("在主机上保留内存", r.translations().get("zh-CN").title());
    }
}
