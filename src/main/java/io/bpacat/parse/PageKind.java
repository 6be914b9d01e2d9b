package io.bpacat.parse;

/** What a page is. */
public enum PageKind {
    /** One rule, with a property table. */
    RULE,
    /** A page about many rules: each {@code ###} heading with bold Issue/Impact/Resolution paragraphs is one rule. */
    MULTI_RULE,
    /** Any other page (an overview): kept as a page, not a rule. */
    OVERVIEW
}
