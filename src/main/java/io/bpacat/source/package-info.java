/** Sources: finds the Markdown pages of a content folder and decodes them to text (BOM, CRLF, invalid UTF-8, binary); knows nothing of Markdown. */
package io.bpacat.source;
