/** Parse: turns one decoded page into a {@link io.bpacat.parse.ParsedPage} (front matter, property table, sections, sub-rules); sees one page at a time, never the catalog. */
package io.bpacat.parse;
