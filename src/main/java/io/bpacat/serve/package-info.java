/** Serve: serves a built site on localhost and rebuilds it when the content or templates change, reloading open pages; uses the render stage, adds nothing to the output. */
package io.bpacat.serve;
