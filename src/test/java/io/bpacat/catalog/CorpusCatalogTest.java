package io.bpacat.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real corpus: 4 locales × 112 pages of real BPA documentation, with all their quirks. */
class CorpusCatalogTest {
    private static final Set<String> LOCALES = Set.of("en-US", "it-IT", "de-DE", "fr-FR");
    private static Path corpus;
    private static Catalog catalog;

    @BeforeAll
    static void build() {
        corpus = TestPaths.corpus();
        catalog = new CatalogBuilder().build(corpus).catalog();
    }

    @Test
    void catalogues191RulesAndTwoPages() {
        assertEquals(191, catalog.rules().size());
        assertEquals(110, catalog.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE).count());
        assertEquals(81, catalog.rules().stream().filter(r -> r.kind() == Rule.Kind.SUB_RULE).count());
        assertEquals(LOCALES, catalog.locales());
    }

    @Test
    void overviewIsAPageNotARule() {
        Page overview = catalog.pages().stream().filter(p -> p.id().equals("3747faa5-6e9f-499e-8a79-3fb9d73b6b92"))
                .findFirst().orElseThrow();
        assertEquals("overview", overview.kind());
        assertEquals(LOCALES, overview.translations().keySet());
        assertTrue(catalog.rule("3747faa5-6e9f-499e-8a79-3fb9d73b6b92").isEmpty());
    }

    @Test
    void essentialsPageHolds81SubRulesJoinedAcrossLocales() {
        Page essentials = catalog.pages().stream().filter(p -> p.kind().equals("multi-rule")).findFirst().orElseThrow();
        assertEquals("37e1dae7-586c-4dd7-bf83-7e14a9567c8f", essentials.id());
        assertEquals(81, essentials.rules().size());
        Rule ip = catalog.rule("37e1dae7-586c-4dd7-bf83-7e14a9567c8f.disable-ip-filtering").orElseThrow();
        assertEquals("37e1dae7-586c-4dd7-bf83-7e14a9567c8f", ip.parent());
        assertEquals("Disabilita filtro IP", ip.translations().get("it-IT").title());
        assertTrue(ip.translations().get("en-US").sections().keySet().containsAll(
                List.of(io.bpacat.parse.SectionRole.ISSUE, io.bpacat.parse.SectionRole.IMPACT,
                        io.bpacat.parse.SectionRole.RESOLUTION)));
    }

    @Test
    void everyRuleIsJoinedAcrossAllFourLocales() {
        List<String> partial = catalog.rules().stream().filter(r -> !r.translations().keySet().equals(LOCALES))
                .map(r -> r.id() + " " + r.translations().keySet()).toList();
        assertEquals(List.of(), partial);
    }

    @Test
    void severityAndCategoryMatchTheEnglishPages() throws IOException {
        Map<String, String[]> expected = englishFacts();
        assertEquals(110, expected.size());
        for (Rule r : catalog.rules()) {
            if (r.kind() != Rule.Kind.RULE) {
                continue;
            }
            String file = Path.of(r.translations().get("en-US").source()).getFileName().toString();
            String[] facts = expected.get(file);
            assertNotNull(facts, file);
            assertEquals(facts[0], r.severity(), "severity of " + file);
            assertEquals(facts[1], r.category(), "category of " + file);
        }
    }

    /** Severity and category read straight from the English tables (the Vista page swaps them: put right here). */
    private static Map<String, String[]> englishFacts() throws IOException {
        Pattern sev = Pattern.compile("(?m)^\\|?\\s*(?:<td><p>)?\\**Severity\\**(?:</strong></p></td>)?\\s*\\|\\s*([A-Za-z]+)");
        Pattern cat = Pattern.compile("(?m)^\\|?\\s*\\**Category\\**\\s*\\|\\s*([A-Za-z]+)");
        Map<String, String[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(corpus.resolve("en-us"))) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f);
                String name = f.getFileName().toString();
                if (name.startsWith("smb-")) {
                    out.put(name, new String[] {"error", "configuration"});
                    continue;
                }
                Matcher s = sev.matcher(text);
                Matcher c = cat.matcher(text);
                if (s.find() && c.find()) {
                    String sv = s.group(1).toLowerCase(Locale.ROOT);
                    String cv = c.group(1).toLowerCase(Locale.ROOT);
                    out.put(name, sv.equals("configuration") ? new String[] {cv, sv} : new String[] {sv, cv});
                }
            }
        }
        return out;
    }

    @Test
    void rulesWithoutAssetIdInEnglishInheritItByPath() {
        Rule r = catalog.rule("930f927c-e414-4a36-9786-028941e886e4").orElseThrow();
        assertEquals(LOCALES, r.translations().keySet());
        long inherited = codes("BPA040").size();
        assertEquals(17, inherited, "17 en-us pages lack the asset ID their translations carry");
        Rule noId = catalog.rule("a-replica-server-must-be-configured-to-accept-replication-requests").orElseThrow();
        assertEquals(null, noId.assetId());
        assertEquals(LOCALES, noId.translations().keySet());
    }

    @Test
    void everyQuirkGetsADiagnostic() {
        assertFalse(codes("BPA032").isEmpty(), "French 'Va' label");
        assertTrue(codes("BPA032").stream().anyMatch(d -> d.message().contains("\"Condizione\"")), "Italian policy");
        assertEquals(4, codes("BPA034").size(), "the swapped Vista page in each locale");
        assertEquals(9, codes("BPA035").size(), "Operationen (Operations) on 9 German pages");
        assertFalse(codes("BPA033").isEmpty(), "untranslated German 'Severity' label");
        assertEquals(2, codes("BPA036").size(), "split Operating System labels that translate to nonsense");
        assertEquals(4, codes("BPA044").size(), "rules with no asset ID in any locale");
        assertEquals(3, codes("BPA046").size(), "German anchors renamed Office 365 → Microsoft 365");
        assertEquals(0, catalog.diagnostics().stream().filter(d -> d.level() == Diagnostic.Level.ERROR).count());
    }

    @Test
    void placeholdersAlertsAndAppliesToAreRead() {
        Rule paused = catalog.rule("930f927c-e414-4a36-9786-028941e886e4").orElseThrow();
        assertEquals("Windows Server 2016", paused.translations().get("de-DE").appliesTo());
        assertEquals("IMPORTANT", paused.translations().get("en-US").alerts().get(0).type());
        Rule seed = catalog.rule("a7fdd185-d6c8-4f58-9b58-2df5827bb056").orElseThrow();
        assertTrue(seed.translations().get("it-IT").placeholders().stream().anyMatch(p -> p.startsWith("elenco")));
        assertTrue(seed.translations().get("it-IT").machineTranslated());
    }

    @Test
    void htmlPropertyTableIsRead() {
        Rule smb = catalog.rule("smb-open-file-sharing-ports").orElseThrow();
        assertEquals("error", smb.severity());
        assertEquals("configuration", smb.category());
        assertEquals("File Services", smb.product());
        assertEquals(List.of("Windows Server"), smb.operatingSystems());
    }

    private static List<Diagnostic> codes(String code) {
        return catalog.diagnostics().stream().filter(d -> d.code().equals(code)).collect(Collectors.toList());
    }
}
