/** Diagnostics: the one type for content problems (file, line, column, level, code, message, hint) and its compiler-style printer; touches no other stage. */
package io.bpacat.diag;
