package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
