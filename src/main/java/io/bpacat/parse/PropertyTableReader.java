package io.bpacat.parse;

import io.bpacat.diag.Diagnostics;
import io.bpacat.parse.Vocabulary.Kind;
import io.bpacat.parse.Vocabulary.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rows of a property table (Markdown or HTML) into normalized {@link Properties}, reporting every
 * machine-translation quirk it had to get past: quirky or untranslated labels, values in parentheses, swapped
 * severity and category, unknown labels and values.
 */
final class PropertyTableReader {
    /** One table row as found: the label and value cells as written, with their file positions. */
    record Row(String label, String value, int line, int labelColumn, int valueColumn) {
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** "and" in the corpus's languages, leading a part of an operating system list. */
    private static final Pattern CONJUNCTION = Pattern.compile("^(?i)(and|e|und|et|y)\\s+");
    private static final Pattern PARENS = Pattern.compile("^(.*?)\\s*\\((.+)\\)\\s*$");
    private static final Pattern OS_SPLIT = Pattern.compile(
            "\\s*(?:,|;|、|，)\\s*(?:(?:and|e|und|et|y|and also)\\s+)?|\\s+(?:and|e|und|et|y)\\s+");

    private final Vocabulary vocabulary;

    PropertyTableReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** Whether these rows look like a property table: at least two known labels. */
    boolean isPropertyTable(List<Row> rows) {
        return rows.stream().filter(r -> vocabulary.lookup(Kind.LABEL, r.label())
                .filter(t -> !t.key().equals("property")).isPresent()).count() >= 2;
    }

    Properties read(String file, String locale, List<Row> rows, int tableLine, Diagnostics diags) {
        String lang = Vocabulary.languageOf(locale);
        Map<String, Row> byKey = new LinkedHashMap<>();
        List<Row> unknown = new ArrayList<>();
        for (Row row : rows) {
            Optional<Term> term = vocabulary.lookup(Kind.LABEL, row.label());
            if (term.isEmpty()) {
                unknown.add(row);
                continue;
            }
            if (!term.get().key().equals("property")) {
                noteLabel(file, lang, locale, row, term.get(), diags);
                byKey.putIfAbsent(term.get().key(), row);
            }
        }
        for (Row row : unknown) {
            inferLabel(file, row, byKey, diags);
        }
        return values(file, lang, locale, byKey, tableLine, diags);
    }

    private void noteLabel(String file, String lang, String locale, Row row, Term term, Diagnostics diags) {
        String shown = clean(row.label());
        if (term.quirk()) {
            diags.warning(file, row.line(), row.labelColumn(), "BPA032", "property label \"" + shown
                    + "\" read as " + labelName(term.key()) + " (a known machine-translation mistake)",
                    "correct the label in the page");
        } else if (!term.languages().contains(lang) && term.languages().contains("en") && !lang.equals("en")) {
            diags.info(file, row.line(), row.labelColumn(), "BPA033", "property label \"" + shown
                    + "\" is English in a " + locale + " page", "translate the label");
        }
    }

    private void inferLabel(String file, Row row, Map<String, Row> byKey, Diagnostics diags) {
        String shown = clean(row.label());
        if (!byKey.containsKey("operatingSystem") && clean(row.value()).toLowerCase(Locale.ROOT).startsWith("windows")) {
            byKey.put("operatingSystem", row);
            diags.warning(file, row.line(), row.labelColumn(), "BPA036", "unknown property label \"" + shown
                    + "\" read as Operating System because its value names Windows",
                    "correct the label in the page, or add it to the vocabulary");
            return;
        }
        diags.warning(file, row.line(), row.labelColumn(), "BPA030", "unknown property label \"" + shown + "\"",
                "add it to the vocabulary (labels) or correct the page");
    }

    private Properties values(String file, String lang, String locale, Map<String, Row> byKey, int tableLine,
                              Diagnostics diags) {
        Row sevRow = byKey.get("severity");
        Row catRow = byKey.get("category");
        Optional<String> sev = sevRow == null ? Optional.empty() : quietValue(Kind.SEVERITY, sevRow.value());
        Optional<String> cat = catRow == null ? Optional.empty() : quietValue(Kind.CATEGORY, catRow.value());
        if (sevRow != null && catRow != null && sev.isEmpty() && cat.isEmpty()) {
            Optional<String> swappedSev = quietValue(Kind.SEVERITY, catRow.value());
            Optional<String> swappedCat = quietValue(Kind.CATEGORY, sevRow.value());
            if (swappedSev.isPresent() && swappedCat.isPresent()) {
                diags.warning(file, sevRow.line(), sevRow.valueColumn(), "BPA034",
                        "severity and category values are swapped (severity \"" + clean(sevRow.value())
                                + "\", category \"" + clean(catRow.value()) + "\"): read as severity "
                                + swappedSev.get() + ", category " + swappedCat.get(),
                        "swap the two values in the property table");
                return new Properties(operatingSystems(byKey.get("operatingSystem")), product(byKey),
                        swappedSev.get(), swappedCat.get(), tableLine);
            }
        }
        String severity = sevRow == null ? missing(file, tableLine, "Severity", diags)
                : value(file, lang, locale, Kind.SEVERITY, sevRow, diags);
        String category = catRow == null ? missing(file, tableLine, "Category", diags)
                : value(file, lang, locale, Kind.CATEGORY, catRow, diags);
        return new Properties(operatingSystems(byKey.get("operatingSystem")), product(byKey), severity, category,
                tableLine);
    }

    private static String missing(String file, int line, String label, Diagnostics diags) {
        diags.warning(file, line, 1, "BPA037", "property table has no " + label + " row",
                "add a row '|**" + label + "**|...|'");
        return null;
    }

    private String value(String file, String lang, String locale, Kind kind, Row row, Diagnostics diags) {
        String raw = clean(row.value());
        String what = kind == Kind.SEVERITY ? "severity" : "category";
        Optional<Term> exact = vocabulary.lookup(kind, raw);
        if (exact.isPresent()) {
            Term t = exact.get();
            if (t.quirk()) {
                diags.warning(file, row.line(), row.valueColumn(), "BPA032", what + " value \"" + raw + "\" read as "
                        + t.key() + " (a known machine-translation mistake)", "correct the value in the page");
            } else if (!t.languages().contains(lang) && t.languages().contains("en") && !lang.equals("en")) {
                diags.info(file, row.line(), row.valueColumn(), "BPA033", what + " value \"" + raw
                        + "\" is English in a " + locale + " page", "translate the value");
            }
            return t.key();
        }
        Matcher m = PARENS.matcher(raw);
        if (m.matches()) {
            Optional<Term> inner = vocabulary.lookup(kind, m.group(2)).or(() -> vocabulary.lookup(kind, m.group(1)));
            if (inner.isPresent()) {
                diags.warning(file, row.line(), row.valueColumn(), "BPA035", what + " value \"" + raw + "\" read as "
                        + inner.get().key() + " from one of its two wordings",
                        "keep one wording: the translated one");
                return inner.get().key();
            }
        }
        diags.warning(file, row.line(), row.valueColumn(), "BPA031", "unknown " + what + " value \"" + raw + "\"",
                "use one of the known values, or add this wording to the vocabulary (values." + what + ")");
        return null;
    }

    private Optional<String> quietValue(Kind kind, String raw) {
        String c = clean(raw);
        Optional<Term> t = vocabulary.lookup(kind, c);
        if (t.isPresent()) {
            return Optional.of(t.get().key());
        }
        Matcher m = PARENS.matcher(c);
        return m.matches()
                ? vocabulary.lookup(kind, m.group(2)).or(() -> vocabulary.lookup(kind, m.group(1))).map(Term::key)
                : Optional.empty();
    }

    private static String product(Map<String, Row> byKey) {
        Row r = byKey.get("product");
        return r == null ? null : clean(r.value());
    }

    static List<String> operatingSystems(Row row) {
        if (row == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : OS_SPLIT.split(clean(row.value()))) {
            String p = CONJUNCTION.matcher(part).replaceFirst("").strip();
            if (!p.isEmpty() && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Cell text without emphasis, tags, escapes and surplus white space. */
    static String clean(String cell) {
        String s = TAG.matcher(cell).replaceAll(" ").replace("**", "").replace("__", "").replace("\\", "");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    private static String labelName(String key) {
        return switch (key) {
            case "operatingSystem" -> "Operating System";
            case "product" -> "Product/Feature";
            case "severity" -> "Severity";
            case "category" -> "Category";
            default -> key;
        };
    }
}
