package io.bpacat.check.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SARIF 2.1.0: one run, the rules with their metadata and help links, one result per finding. Written with
 * Jackson's streaming generator, field by field in a fixed order, indented as {@link ReportWriter#json} indents.
 */
final class Sarif {
    private static final JsonFactory JSON = new JsonFactory();

    private Sarif() {
    }

    static String write(Report r) {
        StringWriter out = new StringWriter(Math.max(1024, r.findings().size() * 700));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(r, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toString();
    }

    /**
     * The bytes of {@link #write(Report)} UTF-8 encoded, written straight into byte buffers rather than building the
     * text first; nothing is written to {@code out} until all of them are ready. Text that UTF-8 cannot encode (a
     * lone surrogate) fails as {@code Files.writeString} of the text does, with a
     * {@link java.nio.charset.CharacterCodingException}.
     */
    static void utf8(Report r, Opener out) throws IOException {
        boolean inParts = r.findings().size() >= PARALLEL_ABOVE;
        Buffer head = new Buffer(inParts ? 64 * 1024 : Math.max(1024, r.findings().size() * 1024));
        Writer w = new OutputStreamWriter(head, StandardCharsets.UTF_8.newEncoder());
        List<Buffer> parts = new ArrayList<>();
        int[] mark = {-1};
        try (JsonGenerator g = JSON.createGenerator(w).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            if (!inParts) {
                write(r, g);
            } else {
                write(r, g, index -> {
                    g.flush();
                    mark[0] = head.size();
                    parts.addAll(resultsInParallel(r, index));
                });
            }
        }
        w.write('\n');
        w.flush();
        writeOut(out, head, mark[0] < 0 ? head.size() : mark[0], parts);
    }

    /** Opens the stream a report is written to, once all of it is encoded. */
    interface Opener {
        OutputStream open() throws IOException;
    }

    /** Writes what comes before the results (head up to {@code split}), the parts, then the rest of head. */
    private static void writeOut(Opener out, Buffer head, int split, List<Buffer> parts) throws IOException {
        try (OutputStream o = out.open()) {
            o.write(head.array(), 0, split);
            for (Buffer part : parts) {
                o.write(part.array(), part.start, part.size() - part.start);
            }
            o.write(head.array(), split, head.size() - split);
        }
    }

    /** A byte buffer whose bytes are written out where they are, from {@code start} on. */
    private static final class Buffer extends ByteArrayOutputStream {
        int start;

        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    /** From this many results on, {@link #utf8} writes them in parts on all processors. */
    static final int PARALLEL_ABOVE = 4096;

    /**
     * The results array's elements, in parts written in parallel that join into what one generator writes: each
     * part is written by a generator of its own that first opens the same objects and arrays (so its pretty printer
     * indents as deep), and keeps what follows them; a part after the first starts with the separator that its
     * first result would have had. The array's closing bracket is written the same way whether its generator saw
     * the elements or not (" ]").
     */
    private static List<Buffer> resultsInParallel(Report r, Map<String, Integer> index) throws IOException {
        int n = r.findings().size();
        int parts = Math.max(2, Runtime.getRuntime().availableProcessors() * 4);
        try {
            return java.util.stream.IntStream.range(0, parts).parallel().mapToObj(p -> {
                try {
                    return part(r, index, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts), p > 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the encoder's own exception, as one generator would have thrown it
        }
    }

    private static Buffer part(Report r, Map<String, Integer> index, int from, int to, boolean separator)
            throws IOException {
        Buffer bytes = new Buffer((to - from) * 1024 + 1024);
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8.newEncoder());
        JsonGenerator g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        g.setPrettyPrinter(prettyPrinter());
        g.writeStartObject();
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        g.writeArrayFieldStart("results");
        if (separator) {
            // what the generator writes before a result that is not the array's first follows this one
            g.writeStartObject();
            g.writeEndObject();
        }
        g.flush();
        bytes.start = bytes.size();
        for (Finding f : r.findings().subList(from, to)) {
            result(g, f, r.rule(f.ruleId()), index.get(f.ruleId()));
        }
        g.flush();
        return bytes;
    }

    private static void write(Report r, JsonGenerator g) throws IOException {
        write(r, g, index -> {
            for (Finding f : r.findings()) {
                result(g, f, r.rule(f.ruleId()), index.get(f.ruleId()));
            }
        });
    }

    /** Writes what the results array holds, given each rule's index in the rules array. */
    private interface Results {
        void write(Map<String, Integer> ruleIndex) throws IOException;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        // ReportWriter.json indents like this, and writes "\n" after each line on every system
        return new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }


    private static void write(Report r, JsonGenerator g, Results results) throws IOException {
        g.setPrettyPrinter(prettyPrinter());
        g.writeStartObject();
        g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        // the rules' IDs in order, read once: the rules array, then each result's index in it
        List<String> ids = new ArrayList<>(new TreeSet<>(r.findings().stream().map(Finding::ruleId).toList()));
        tool(g, r, ids);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        g.writeArrayFieldStart("results");
        results.write(index);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void tool(JsonGenerator g, Report r, List<String> ids) throws IOException {
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "bpacat");
        g.writeStringField("informationUri", "https://github.com/bpacat/bpacat");
        g.writeArrayFieldStart("rules");
        for (String id : ids) {
            RuleInfo info = r.rule(id);
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("name", info.title());
            g.writeObjectFieldStart("shortDescription");
            g.writeStringField("text", info.title());
            g.writeEndObject();
            if (!info.helpUri().isEmpty()) {
                g.writeStringField("helpUri", info.helpUri());
            }
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", level(info.countedSeverity()));
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            g.writeStringField("severity", info.severity());
            g.writeStringField("category", info.category());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, Finding f, RuleInfo rule, int index) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeNumberField("ruleIndex", index);
        g.writeStringField("kind", switch (f.outcome()) {
            case NONCOMPLIANT -> "fail";
            case COMPLIANT -> "pass";
            case NOT_APPLICABLE -> "notApplicable";
            case CANNOT_EVALUATE -> "review";
            case ERROR -> "open";
        });
        g.writeStringField("level", f.outcome() == Outcome.NONCOMPLIANT ? level(rule.countedSeverity())
                : f.outcome() == Outcome.ERROR ? "error" : "none");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.object() + ": " + (f.message().isEmpty() ? f.outcome().label() : f.message()));
        g.writeEndObject();
        location(g, f);
        if (f.excluded()) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", "external");
            g.writeStringField("justification", f.exclusion());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("outcome", f.outcome().label());
        g.writeStringField("checker", f.checker());
        if (!f.remediation().isEmpty()) {
            g.writeStringField("remediation", f.remediation());
        }
        if (!f.missing().isEmpty()) {
            g.writeArrayFieldStart("missing");
            for (String m : f.missing()) {
                g.writeString(m);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void location(JsonGenerator g, Finding f) throws IOException {
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", f.inventory().replace('\\', '/'));
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("name", f.object());
        g.writeStringField("kind", "resource");
        g.writeStringField("fullyQualifiedName", f.collection() + "/" + f.object());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    static String level(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> "error";
            case "information" -> "note";
            default -> "warning";
        };
    }
}
