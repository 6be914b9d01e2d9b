package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpacat.TestPaths;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tartarus.snowball.SnowballStemmer;

/**
 * {@link SearchAnalyzer} remembers each word's stem: its terms must be exactly those of Lucene's own chain
 * (the word tokenizer, the stop filter, {@link SnowballFilter}, folding) over the same text, first seen or
 * repeated. The text is every corpus page of a locale, read twice through one analyzer so the second pass
 * comes from what the first remembered.
 */
class SearchAnalyzerTest {
    @ParameterizedTest
    @CsvSource({"en-us, en, org.tartarus.snowball.ext.EnglishStemmer",
            "it-it, it, org.tartarus.snowball.ext.ItalianStemmer",
            "de-de, de, org.tartarus.snowball.ext.GermanStemmer",
            "fr-fr, fr, org.tartarus.snowball.ext.FrenchStemmer"})
    void remembered_stems_are_lucenes_stems(String folder, String language, String stemmerClass) throws Exception {
        Path dir = TestPaths.corpus().resolve(folder);
        assumeTrue(Files.isDirectory(dir), "no corpus at " + dir + ": nothing to compare");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        SearchAnalyzer analyzer = new SearchAnalyzer(language);
        SnowballStemmer stemmer = (SnowballStemmer) Class.forName(stemmerClass).getDeclaredConstructor().newInstance();
        for (int pass = 0; pass < 2; pass++) {
            for (String text : texts) {
                assertEquals(reference(text, SearchAnalyzer.STOP_SETS.get(language), stemmer), analyzer.terms(text));
            }
        }
    }

    /** Lucene's chain, nothing remembered. */
    private static List<String> reference(String text, CharArraySet stops, SnowballStemmer stemmer) throws IOException {
        SearchAnalyzer.WordTokenizer tokenizer = new SearchAnalyzer.WordTokenizer();
        tokenizer.setReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        try (TokenStream ts = new SnowballFilter(new StopFilter(tokenizer, stops), stemmer)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(keyword.isKeyword() ? term.toString() : SearchAnalyzer.fold(term.toString()));
            }
            ts.end();
        }
        return out;
    }
}
