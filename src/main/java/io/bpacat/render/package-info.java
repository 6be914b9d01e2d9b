/** Render: writes the generated output (catalog.json now, the site later) into a fresh folder swapped in at the end; reads only the catalog. */
package io.bpacat.render;
