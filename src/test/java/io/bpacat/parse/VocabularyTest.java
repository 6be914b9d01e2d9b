package io.bpacat.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static final List<String> LANGUAGES = List.of("en", "it", "de", "fr", "es", "ja", "pt", "zh-Hans",
            "zh-Hant", "ko", "ru", "nl", "pl", "sv", "tr", "cs", "hu");

    @Test
    void everyLanguageHasEveryLabelValueAndHeading() throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory())
                .readTree(Vocabulary.class.getResourceAsStream("vocabulary.yaml"));
        for (JsonNode group : List.of(root.get("labels"), root.get("values").get("severity"),
                root.get("values").get("category"), root.get("sections"))) {
            for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                for (String lang : LANGUAGES) {
                    assertTrue(e.getValue().has(lang), e.getKey() + " lacks " + lang);
                }
            }
        }
        LANGUAGES.forEach(lang -> assertTrue(root.get("appliesTo").has(lang), "appliesTo lacks " + lang));
    }

    @Test
    void lookupIgnoresEmphasisCaseTagsAndColon() {
        Vocabulary v = Vocabulary.standard();
        assertEquals("operatingSystem", v.lookup(Vocabulary.Kind.LABEL, "**Operating** <br />**System**").get().key());
        assertEquals("severity", v.lookup(Vocabulary.Kind.LABEL, "gravità:").get().key());
        assertEquals("operatingSystem", v.lookup(Vocabulary.Kind.LABEL, "Système d’exploitation").get().key());
        assertTrue(v.lookup(Vocabulary.Kind.LABEL, "Va").get().quirk());
    }

    @Test
    void aTermWithTwoMeaningsIsRefused() throws Exception {
        JsonNode bad = new ObjectMapper(new YAMLFactory()).readTree(
                "values:\n  severity:\n    error: {en: [Oops]}\n    warning: {en: [Oops]}\n");
        assertThrows(IllegalStateException.class, () -> Vocabulary.load(bad));
    }

    @Test
    void languageOfLocale() {
        assertEquals("zh-Hant", Vocabulary.languageOf("zh-TW"));
        assertEquals("zh-Hans", Vocabulary.languageOf("zh-CN"));
        assertEquals("pt", Vocabulary.languageOf("pt-BR"));
    }
}
