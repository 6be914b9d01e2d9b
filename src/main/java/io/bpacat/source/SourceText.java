package io.bpacat.source;

import java.util.List;

/**
 * A decoded page: text with {@code \n} line ends and no BOM.
 *
 * @param file the page it came from
 * @param text the decoded text
 */
public record SourceText(SourceFile file, String text) {

    /** The text split into lines, for printing diagnostics. */
    public List<String> lines() {
        return text.lines().toList();
    }
}
