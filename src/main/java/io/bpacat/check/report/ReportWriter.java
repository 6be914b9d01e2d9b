package io.bpacat.check.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The report formats of {@code bpacat validate --format}. Each writes the whole report as text. */
public enum ReportWriter {
    TEXT {
        @Override
        public String write(Report r, boolean verbose) {
            StringBuilder sb = new StringBuilder();
            for (Finding f : r.findings()) {
                if (!verbose && (f.outcome() == Outcome.COMPLIANT || f.outcome() == Outcome.NOT_APPLICABLE)) {
                    continue;
                }
                RuleInfo rule = r.rule(f.ruleId());
                String tag = f.excluded() ? "excluded" : f.outcome() == Outcome.NONCOMPLIANT ? rule.severity()
                        : f.outcome().label();
                sb.append(f.inventory()).append(": ").append(tag).append('[').append(shortId(f.ruleId()))
                        .append("]: ").append(rule.title()).append('\n');
                sb.append("    ").append(f.object());
                if (!f.message().isEmpty()) {
                    sb.append(": ").append(f.message());
                }
                sb.append('\n');
                if (f.excluded()) {
                    sb.append("    excluded: ").append(f.exclusion()).append('\n');
                } else if (!f.remediation().isEmpty()) {
                    sb.append("    fix: ").append(f.remediation()).append('\n');
                }
                if (!rule.helpUri().isEmpty() && f.outcome() == Outcome.NONCOMPLIANT) {
                    sb.append("    see: ").append(rule.helpUri()).append('\n');
                }
            }
            List<String> parts = new ArrayList<>();
            r.summary().forEach((k, v) -> parts.add(v + " " + k));
            sb.append(r.inventories().size()).append(r.inventories().size() == 1 ? " inventory, " : " inventories, ")
                    .append(r.summary().values().stream().mapToInt(Integer::intValue).sum()).append(" results: ").append(String.join(", ", parts)).append('\n');
            return sb.toString();
        }
    },
    JSON {
        @Override
        public String write(Report r, boolean verbose) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("tool", "bpacat");
            root.put("inventories", r.inventories());
            root.put("summary", r.summary());
            List<Object> results = new ArrayList<>();
            for (Finding f : r.findings()) {
                results.add(result(f, r.rule(f.ruleId())));
            }
            root.put("results", results);
            return json(root);
        }
    },
    SARIF {
        @Override
        public String write(Report r, boolean verbose) {
            return Sarif.write(r);
        }

        @Override
        public void write(Report r, boolean verbose, Path file) throws IOException {
            Sarif.utf8(r, () -> Files.newOutputStream(file));
        }
    },
    JUNIT {
        @Override
        public String write(Report r, boolean verbose) {
            return junit(r);
        }
    },
    CSV {
        @Override
        public String write(Report r, boolean verbose) {
            StringBuilder sb = new StringBuilder();
            List<String> header = List.of("inventory", "rule", "title", "severity", "category", "object", "outcome",
                    "excluded", "message", "remediation", "missing", "helpUri");
            row(sb, header);
            for (Finding f : r.findings()) {
                RuleInfo rule = r.rule(f.ruleId());
                // Arrays.asList: a sub-rule without its own severity or category has null there (an empty cell)
                row(sb, java.util.Arrays.asList(f.inventory(), f.ruleId(), rule.title(), rule.severity(), rule.category(), f.object(),
                        f.outcome().label(), f.excluded() ? f.exclusion() : "", f.message(), f.remediation(),
                        String.join("; ", f.missing()), rule.helpUri()));
            }
            return sb.toString();
        }
    };

    public abstract String write(Report r, boolean verbose);

    /**
     * Writes {@link #write(Report, boolean)} to {@code file}, UTF-8 encoded, as {@code Files.writeString} does (the
     * file is left as it was when the text cannot be encoded); SARIF is encoded as it is written, never held as text.
     */
    public void write(Report r, boolean verbose, Path file) throws IOException {
        Files.writeString(file, write(r, verbose), StandardCharsets.UTF_8);
    }

    public static ReportWriter of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    static String shortId(String id) {
        return id.length() == 36 && id.charAt(8) == '-' ? id.substring(0, 8) : id;
    }

    /** One result as the JSON report and the browser validator write it. */
    static Map<String, Object> result(Finding f, RuleInfo rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory", f.inventory());
        m.put("rule", f.ruleId());
        m.put("title", rule.title());
        m.put("severity", rule.severity());
        m.put("category", rule.category());
        m.put("checker", f.checker());
        m.put("collection", f.collection());
        m.put("object", f.object());
        m.put("outcome", f.outcome().label());
        m.put("message", f.message());
        m.put("remediation", f.remediation());
        m.put("missing", f.missing());
        m.put("excluded", f.excluded());
        m.put("exclusionReason", f.exclusion());
        m.put("helpUri", rule.helpUri());
        return m;
    }

    static String json(Object root) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSV row; cells that a spreadsheet would run as a formula get a leading apostrophe. */
    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            sb.append(i == 0 ? "" : ",").append('"').append(c.replace("\"", "\"\"")).append('"');
        }
        sb.append("\r\n");
    }

    private static String junit(Report r) {
        try {
            StringWriter sw = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "bpacat validate");
            Set<String> suites = new LinkedHashSet<>();
            r.findings().forEach(f -> suites.add(f.inventory() + "\u0000" + f.ruleId()));
            for (String suite : suites) {
                String[] parts = suite.split("\u0000");
                List<Finding> fs = r.findings().stream().filter(f -> f.inventory().equals(parts[0])
                        && f.ruleId().equals(parts[1])).toList();
                RuleInfo rule = r.rule(parts[1]);
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", rule.title() + " [" + parts[1] + "]");
                x.writeAttribute("tests", String.valueOf(fs.size()));
                x.writeAttribute("failures", String.valueOf(fs.stream().filter(f -> !f.excluded()
                        && f.outcome() == Outcome.NONCOMPLIANT).count()));
                x.writeAttribute("errors", String.valueOf(fs.stream().filter(f -> !f.excluded()
                        && f.outcome() == Outcome.ERROR).count()));
                for (Finding f : fs) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", parts[0]);
                    x.writeAttribute("name", f.object());
                    if (f.excluded()) {
                        x.writeEmptyElement("skipped");
                        x.writeAttribute("message", "excluded: " + f.exclusion());
                    } else if (f.outcome() == Outcome.NONCOMPLIANT) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", f.message());
                        if (rule.severity() != null) { // a rule of a multi-rule page may have none
                            x.writeAttribute("type", rule.severity());
                        }
                        x.writeCharacters(f.remediation());
                        x.writeEndElement();
                    } else if (f.outcome() == Outcome.ERROR) {
                        x.writeEmptyElement("error");
                        x.writeAttribute("message", f.message());
                    } else if (f.outcome() != Outcome.COMPLIANT) {
                        x.writeEmptyElement("skipped");
                        x.writeAttribute("message", f.outcome().label() + (f.message().isEmpty() ? "" : ": "
                                + f.message()));
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return sw.toString().replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "\uFFFD") + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
