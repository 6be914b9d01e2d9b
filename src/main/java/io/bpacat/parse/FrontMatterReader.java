package io.bpacat.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bpacat.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a page into YAML front matter and Markdown body, and reads the YAML with real file positions for
 * errors. A page with broken front matter still yields its body, so the rest of the page is catalogued.
 */
public final class FrontMatterReader {
    private static final Pattern MARK = Pattern.compile("line (\\d+), column \\d+");
    private static final Pattern KEY = Pattern.compile("^([A-Za-z0-9_.\\-]+)\\s*:");

    private final ObjectMapper yaml = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    /**
     * The result of the split.
     *
     * @param frontMatter the keys read (empty when there is none or it is broken)
     * @param present     whether the page opened with a front matter block
     * @param body        the Markdown after the closing line
     * @param bodyLine    the 1-based file line where the body starts
     */
    public record Split(FrontMatter frontMatter, boolean present, String body, int bodyLine) {
    }

    public Split read(String file, String text, Diagnostics diags) {
        if (!text.startsWith("---\n") && !text.equals("---")) {
            diags.warning(file, 1, 1, "BPA010", "no front matter: the page does not open with a '---' line",
                    "start the page with '---', the keys title, ms.assetid, ms.date, ms.contentlocale, and '---'");
            return new Split(FrontMatter.EMPTY, false, text, 1);
        }
        int close = closingLine(text);
        if (close < 0) {
            diags.error(file, 1, 1, "BPA011", "front matter is not closed: no '---' line after the opening one",
                    "add a line '---' after the last front-matter key");
            return new Split(FrontMatter.EMPTY, true, text.substring(text.indexOf('\n') + 1), 2);
        }
        String yamlText = text.substring(4, close);
        int afterClose = text.indexOf('\n', close);
        String body = afterClose < 0 ? "" : text.substring(afterClose + 1);
        int bodyLine = 2 + (int) yamlText.chars().filter(c -> c == '\n').count() + 1;
        return new Split(parse(file, yamlText, diags), true, body, bodyLine);
    }

    /** Offset of the closing '---' (or '...') line, or -1. */
    private static int closingLine(String text) {
        int pos = 4;
        while (pos <= text.length()) {
            int end = text.indexOf('\n', pos);
            String line = (end < 0 ? text.substring(pos) : text.substring(pos, end)).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return pos;
            }
            if (end < 0) {
                return -1;
            }
            pos = end + 1;
        }
        return -1;
    }

    private FrontMatter parse(String file, String yamlText, Diagnostics diags) {
        if (yamlText.isBlank()) {
            return FrontMatter.EMPTY;
        }
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            reportYamlError(file, e, diags);
            return FrontMatter.EMPTY;
        }
        if (root == null || !root.isObject()) {
            diags.error(file, 2, 1, "BPA013", "front matter is not a set of 'key: value' lines",
                    "write the front matter as YAML keys, such as 'title: My rule'");
            return FrontMatter.EMPTY;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> values.put(e.getKey(), yaml.convertValue(e.getValue(), Object.class)));
        return new FrontMatter(values, keyLines(yamlText));
    }

    private static void reportYamlError(String file, JsonProcessingException e, Diagnostics diags) {
        JsonLocation loc = e.getLocation();
        int line = loc == null || loc.getLineNr() < 1 ? 2 : loc.getLineNr() + 1;
        int col = loc == null || loc.getColumnNr() < 1 ? 1 : loc.getColumnNr();
        String msg = yamlMessage(e.getOriginalMessage());
        boolean dup = msg.startsWith("Duplicate field");
        diags.error(file, line, col, dup ? "BPA014" : "BPA012",
                (dup ? "duplicate key in front matter: " : "malformed YAML in front matter: ") + msg,
                dup ? "keep one of the two keys" : "quote values that contain ': ' or start with a special character");
    }

    /**
     * SnakeYAML's multi-line message as one line, its positions turned into file lines: "while parsing a flow
     * sequence (opened on line 4): expected ',' or ']', but got :".
     */
    static String yamlMessage(String original) {
        List<String> statements = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        for (String row : original.split("\n")) {
            Matcher m = MARK.matcher(row);
            if (m.find()) {
                marks.add(Integer.parseInt(m.group(1)) + 1);
            } else if (!row.isBlank() && !row.startsWith(" ")) {
                statements.add(row.strip());
            }
        }
        if (statements.isEmpty()) {
            return "syntax error";
        }
        if (statements.size() >= 2 && marks.size() >= 2) {
            return statements.get(0) + " (opened on line " + marks.get(0) + "): " + statements.get(1);
        }
        return String.join(": ", statements);
    }

    private static Map<String, Integer> keyLines(String yamlText) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] rows = yamlText.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            Matcher m = KEY.matcher(rows[i]);
            if (m.find()) {
                lines.putIfAbsent(m.group(1), i + 2);
            }
        }
        return lines;
    }

}
