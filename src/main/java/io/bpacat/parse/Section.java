package io.bpacat.parse;

/**
 * A section of a page with a known role.
 *
 * @param role     what the section is
 * @param heading  the heading text as written, without anchor and emphasis
 * @param anchor   the English {@code <a name>} anchor, or empty
 * @param markdown the section content (without its heading), as Markdown
 * @param line     1-based file line of the heading (or of the bold label on multi-rule pages)
 */
public record Section(SectionRole role, String heading, String anchor, String markdown, int line) {
}
