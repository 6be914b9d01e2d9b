/** Index: builds a Lucene index per locale from the catalog and exports it for the browser's search module; reads only the catalog. */
package io.bpacat.index;
