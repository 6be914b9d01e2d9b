package io.bpacat.diag;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Prints diagnostics like a compiler: {@code dir/it-it/x.md:14:3: warning[BPA012]: message (hint: ...)},
 * then the source line and a caret under the column.
 */
public final class DiagnosticPrinter {
    private final String prefix;
    private final Function<String, List<String>> sourceLines;

    /**
     * @param prefix      printed before each relative file path (the content folder as the user named it, with a slash)
     * @param sourceLines returns the lines of a file by its relative path, or an empty list when unknown
     */
    public DiagnosticPrinter(String prefix, Function<String, List<String>> sourceLines) {
        this.prefix = prefix;
        this.sourceLines = sourceLines;
    }

    public void print(Diagnostic d, PrintWriter out) {
        StringBuilder head = new StringBuilder(prefix).append(d.file());
        if (d.line() > 0) {
            head.append(':').append(d.line());
            if (d.column() > 0) {
                head.append(':').append(d.column());
            }
        }
        head.append(": ").append(d.level().label()).append('[').append(d.code()).append("]: ").append(d.message());
        if (!d.hint().isEmpty()) {
            head.append(" (hint: ").append(d.hint()).append(')');
        }
        out.println(head);
        printSourceLine(d, out);
    }

    private void printSourceLine(Diagnostic d, PrintWriter out) {
        if (d.line() <= 0) {
            return;
        }
        List<String> lines = sourceLines.apply(d.file());
        if (d.line() > lines.size()) {
            return;
        }
        String line = lines.get(d.line() - 1);
        String shown = line.length() > 160 ? line.substring(0, 160) + "…" : line;
        out.println("    " + shown.replace('\t', ' '));
        if (d.column() > 0 && d.column() <= shown.length() + 1) {
            out.println("    " + " ".repeat(d.column() - 1) + "^");
        }
    }
}
