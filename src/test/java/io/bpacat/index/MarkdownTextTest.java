package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Markdown to the words a reader sees, each kind of markup on its own and all together. */
class MarkdownTextTest {

    @Test
    void eachKindOfMarkupGoes() {
        assertEquals("Set-VM -Name x", MarkdownText.plain("```powershell\nSet-VM -Name x\n```"));
        assertEquals("a b", MarkdownText.plain("~~~\na\n~~~\nb"));
        assertEquals("keep the text", MarkdownText.plain("keep <b>the</b> <a name=\"x\"></a>text"));
        assertEquals("see the guide", MarkdownText.plain("see [the guide](https://example.com/a_b)"));
        assertEquals("Do this", MarkdownText.plain("> [!NOTE]\n> Do this"));
        assertEquals("Title item one two", MarkdownText.plain("## Title\n- item *one*\n2. `two`"));
        assertEquals("a b - - c d", MarkdownText.plain("| a | b |\n|-|-|\n| c | d |")); // dashes: no word
        assertEquals("<VM> & more", MarkdownText.plain("&lt;VM&gt; &amp; more"));
    }

    @Test
    void textWithoutMarkupIsOnlyTidied() {
        assertEquals("plain words, one line", MarkdownText.plain("  plain words,\n\n one   line  "));
    }

    @Test
    void stepsWorkOnWhatTheStepsBeforeThemLeft() {
        // the tags go first: what they held apart is not a link target after them
        assertEquals("x (not-a-target) y", MarkdownText.plain("x <i>]</i>(not-a-target) y"));
        assertEquals("x y", MarkdownText.plain("x [y](<target>)"));
    }

    /** The two expressions {@link MarkdownText#withoutMarkup} does the work of, kept here as the reference. */
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>+|[-*+]|\\d+\\.)\\s+|[*_`|\\[\\]\\\\]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static void assertAsTheExpressions(String text) {
        String expected = SPACES.matcher(MARKUP.matcher(text).replaceAll(" ")).replaceAll(" ");
        assertEquals(expected, MarkdownText.withoutMarkup(text), () -> "for " + text.replace("\n", "\\n"));
    }

    @Test
    void markupGoesAsTheExpressionsTookIt() {
        for (String text : List.of("", " ", "#", "# ", "#\n", "####### seven", "###### six", "  # two spaces",
                "    # four spaces", "\n\n\n\n# after blank lines", "-  \n  - x", "> > quoted", ">>> x", ">x",
                "1. one\n22. two\n3.three\n.4 x", "a\r\n- crlf", "a\r- cr", "a\u2028- ls", "a\u0085- nel",
                "a\u00A0- nbsp", "* star\n*not\n+ plus", "x\\y [a] `b` c|d e_f", "\t-\tx", "\u000B- vt",
                "- \n", "-", "1.", "1. ", "a\n\f# ff")) {
            assertAsTheExpressions(text);
        }
    }

    @Test
    void randomTextOfTheCharactersThatMatterGoesAsTheExpressionsTookIt() {
        char[] alphabet = " \t\n\r\u000B\f#>-*+19._`|[]\\a\u2028\u2029\u0085\u00A0".toCharArray();
        Random random = new Random(20261127);
        for (int run = 0; run < 200_000; run++) {
            char[] text = new char[random.nextInt(24)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertAsTheExpressions(new String(text));
        }
    }

    @Test
    void everyPageOfTheCorpusAndOfOurContentGoesAsTheExpressionsTookIt() throws IOException {
        int pages = 0;
        for (Path root : List.of(Path.of("content"), Path.of("../shared/corpus"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path md : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    assertAsTheExpressions(Files.readString(md));
                    pages++;
                }
            }
        }
        assertTrue(pages > 100, pages + " pages");
    }
}
