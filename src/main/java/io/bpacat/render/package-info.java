/** Render: the catalog as a static site (pages, catalog.json, sitemap, assets) in memory, link-checked, then written into a fresh folder swapped in at the end; reads the catalog, never the sources. */
package io.bpacat.render;
