/** CLI: the thin picocli shell over the stages (lint, build); holds no logic of its own beyond printing. */
package io.bpacat.cli;
