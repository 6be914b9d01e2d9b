/** Catalog: joins parsed pages across locales into one {@link io.bpacat.catalog.Catalog} of rules and pages, and writes {@code catalog.json}; never reads files or Markdown itself. */
package io.bpacat.catalog;
