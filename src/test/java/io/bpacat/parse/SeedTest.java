package io.bpacat.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.diag.Diagnostics;
import io.bpacat.source.SourceDecoder;
import io.bpacat.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The document the project started from. */
class SeedTest {
    @Test
    void seedParsesAsItsRule() throws Exception {
        Path seed = TestPaths.shared().resolve("seeds/000_c283c79cf8f887b7.txt");
        Diagnostics diags = new Diagnostics();
        SourceFile file = new SourceFile("000_c283c79cf8f887b7.txt", "", "000_c283c79cf8f887b7.txt",
                Files.readAllBytes(seed));
        ParsedPage page = new RulePageParser(Vocabulary.standard(), "en-US")
                .parse(new SourceDecoder().decode(file, diags).orElseThrow(), diags);
        assertEquals("a7fdd185-d6c8-4f58-9b58-2df5827bb056", page.assetId());
        assertEquals("it-IT", page.locale());
        assertEquals(PageKind.RULE, page.kind());
        assertEquals("error", page.properties().orElseThrow().severity());
        assertEquals("configuration", page.properties().orElseThrow().category());
        assertTrue(page.sections().keySet().containsAll(
                java.util.List.of(SectionRole.ISSUE, SectionRole.IMPACT, SectionRole.RESOLUTION)));
        assertTrue(page.machineTranslated());
        assertEquals("Windows Server 2016", page.appliesTo());
    }
}
