package io.bpacat.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV as {@code Export-Csv} writes it: an optional {@code #TYPE Namespace.Type} line (Windows PowerShell 5.1),
 * a header row, then one row per object, every field double-quoted. Each row becomes a map of strings; types
 * are restored later by normalization.
 */
final class CsvReader {
    /** Rows read, and the .NET type from the {@code #TYPE} line (or null). */
    record Table(String type, List<Map<String, Object>> rows) {
    }

    private CsvReader() {
    }

    static Table read(String text) throws TreeReader.ReadException {
        int[] pos = {0};
        int[] line = {1};
        String type = null;
        if (text.startsWith("#TYPE ")) {
            int nl = text.indexOf('\n');
            type = (nl < 0 ? text.substring(6) : text.substring(6, nl)).trim();
            pos[0] = nl < 0 ? text.length() : nl + 1;
            line[0] = 2;
        }
        List<String> header = row(text, pos, line);
        if (header == null || header.isEmpty() || header.size() == 1 && header.get(0).isEmpty()) {
            throw new TreeReader.ReadException("CSV without a header row", line[0], 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (pos[0] < text.length()) {
            int rowLine = line[0];
            List<String> cells = row(text, pos, line);
            if (cells.size() == 1 && cells.get(0).isEmpty()) {
                continue;
            }
            if (cells.size() > header.size()) {
                throw new TreeReader.ReadException("row has " + cells.size() + " fields but the header names "
                        + header.size(), rowLine, 1);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (row.containsKey(header.get(i))) {
                    throw new TreeReader.ReadException("duplicate column \"" + header.get(i) + "\"", 1, 1);
                }
                row.put(header.get(i), i < cells.size() ? cells.get(i) : null);
            }
            rows.add(row);
        }
        return new Table(type, rows);
    }

    /** One record; quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<String> row(String text, int[] pos, int[] line) throws TreeReader.ReadException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = pos[0];
        boolean quoted = false;
        boolean wasQuoted = false;
        int startLine = line[0];
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line[0]++;
                    }
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n') {
                i++;
                line[0]++;
                break;
            } else if (c != '\r') {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new TreeReader.ReadException("a quoted field is never closed", startLine, 1);
        }
        cells.add(cell.toString());
        pos[0] = i;
        return cells;
    }
}
