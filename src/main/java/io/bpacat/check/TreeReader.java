package io.bpacat.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads JSON or YAML text into plain Java values ({@link LinkedHashMap}, {@link ArrayList}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, null) without recursion, so any nesting depth fails cleanly
 * at the limit instead of overflowing the stack. Duplicate keys, NaN and Infinity are errors. Keys such as
 * {@code __proto__} are plain data. Optionally records the line of every object key.
 */
public final class TreeReader {
    /** A value read from text, with the 1-based line of each key (keyed by the map holding it). */
    public record Tree(Object value, Map<Object, Map<String, Integer>> keyLines) {
        /** Line of {@code key} in {@code map}, or 0 when unknown. */
        public int line(Object map, String key) {
            Map<String, Integer> lines = keyLines.get(new Identity(map));
            return lines == null ? 0 : lines.getOrDefault(key, 0);
        }
    }

    /** Identity wrapper so maps with equal content keep separate line tables. */
    record Identity(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    /** Text that could not be read; line and column are 1-based (0 when unknown). */
    public static final class ReadException extends Exception {
        private final int line;
        private final int column;

        public ReadException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private final int maxDepth;
    private final boolean recordLines;
    /** Built once per reader (thread-safe), shared by every JSON read. */
    private final JsonFactory json;

    public TreeReader(int maxDepth, boolean recordLines) {
        this.maxDepth = maxDepth;
        this.recordLines = recordLines;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                .build();
    }

    public Tree readJson(String text) throws ReadException {
        try (JsonParser p = json.createParser(text)) {
            return read(p);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Reads JSON from {@code length} bytes of valid UTF-8 at {@code offset} (the caller has checked them), without
     * decoding them to text first: the same value as {@link #readJson(String)} of the decoded text. Where that
     * throws, this throws too, but its column counts bytes rather than characters; read the text again for the
     * message to show.
     */
    public Tree readJson(byte[] utf8, int offset, int length) throws ReadException {
        try (JsonParser p = json.createParser(utf8, offset, length)) {
            return read(p);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    public Tree readYaml(String text) throws ReadException {
        YAMLFactory f = text.length() < SMALL_YAML ? smallYaml() : yaml(text.length() + 1);
        try (JsonParser p = f.createParser(text)) {
            return read(p);
        } catch (IOException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw new ReadException("malformed YAML: " + firstLine(e.getMessage()), 0, 0);
        }
    }

    /** Texts shorter than this many characters (most: checkers, exclusions) share one YAML factory. */
    private static final int SMALL_YAML = 3 * 1024 * 1024;
    private YAMLFactory smallYaml;

    private synchronized YAMLFactory smallYaml() {
        if (smallYaml == null) {
            smallYaml = yaml(SMALL_YAML);
        }
        return smallYaml;
    }

    private YAMLFactory yaml(int codePointLimit) {
        LoaderOptions opts = new LoaderOptions();
        opts.setNestingDepthLimit(maxDepth + 1);
        opts.setMaxAliasesForCollections(50);
        opts.setCodePointLimit(codePointLimit);
        return YAMLFactory.builder().loaderOptions(opts)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                .build();
    }

    private static ReadException failure(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            String msg = firstLine(jpe.getOriginalMessage());
            if (msg.contains("nesting depth")) {
                msg = "nested too deeply: " + msg;
            } else if (msg.contains("Non-standard token")) {
                msg = msg + " (NaN and Infinity are not JSON numbers: write null or a number)";
            } else if (msg.contains("Duplicate field")) {
                msg = "duplicate key: " + msg;
            }
            return new ReadException(msg, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        }
        return new ReadException(firstLine(e.getMessage()), 0, 0);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Builds the value with an explicit stack: no recursion, whatever the depth. */
    private Tree read(JsonParser p) throws IOException, ReadException {
        Map<Object, Map<String, Integer>> lines = new HashMap<>();
        List<Object> stack = new ArrayList<>();
        List<String> pendingKeys = new ArrayList<>();
        Object root = null;
        // the key count of the last object closed at each depth: objects side by side (the VMs of a list) mostly
        // have as many keys, so the next one is made that large and its table never grows and rehashes
        int[] keysAtDepth = new int[maxDepth + 2];
        boolean started = false;
        JsonToken t;
        String key = null;
        while ((t = p.nextToken()) != null) {
            if (t == JsonToken.FIELD_NAME) {
                key = p.currentName();
                @SuppressWarnings("unchecked")
                Map<String, Object> top = (Map<String, Object>) stack.get(stack.size() - 1);
                if (top.containsKey(key)) {
                    JsonLocation loc = p.currentTokenLocation();
                    throw new ReadException("duplicate key \"" + key + "\" (each key may appear once per object)",
                            loc.getLineNr(), loc.getColumnNr());
                }
                if (recordLines) {
                    lines.computeIfAbsent(new Identity(top), k -> new HashMap<>())
                            .put(key, p.currentTokenLocation().getLineNr());
                }
                continue;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                Object done = stack.remove(stack.size() - 1);
                if (done instanceof Map<?, ?> m) {
                    keysAtDepth[stack.size()] = m.size();
                }
                String k = pendingKeys.remove(pendingKeys.size() - 1);
                if (stack.isEmpty()) {
                    root = done;
                } else {
                    attach(stack.get(stack.size() - 1), k, done);
                }
                continue;
            }
            Object value;
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (stack.size() >= maxDepth) {
                    JsonLocation loc = p.currentTokenLocation();
                    throw new ReadException("nested more than " + maxDepth + " levels deep (an inventory needs"
                            + " about 6; was the file written with an unusually large -Depth?)",
                            loc.getLineNr(), loc.getColumnNr());
                }
                Object container = t == JsonToken.START_OBJECT
                        ? new LinkedHashMap<String, Object>(capacityFor(keysAtDepth[stack.size()]))
                        : new ArrayList<>();
                stack.add(container);
                pendingKeys.add(key);
                key = null;
                started = true;
                continue;
            }
            value = scalar(p, t);
            if (stack.isEmpty()) {
                root = value;
                started = true;
            } else {
                attach(stack.get(stack.size() - 1), key, value);
            }
            key = null;
        }
        if (!started) {
            throw new ReadException("the document is empty", 1, 1);
        }
        return new Tree(root, lines);
    }

    @SuppressWarnings("unchecked")
    /**
     * A hash table capacity that holds {@code keys} keys without growing: at least the default 16, at most what
     * 1,024 keys need (a table is made at once, so a huge object's neighbours do not each get a huge one).
     */
    private static int capacityFor(int keys) {
        return Math.max(16, (int) (Math.min(keys, 1024) / 0.75f) + 1);
    }

    private static void attach(Object container, String key, Object value) {
        if (container instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException, ReadException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT: {
                Number n = p.getNumberValue();
                if (n instanceof BigInteger b) {
                    return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
                }
                return n.longValue();
            }
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    JsonLocation loc = p.currentTokenLocation();
                    throw new ReadException("NaN and Infinity are not allowed (write null or a number)",
                            loc.getLineNr(), loc.getColumnNr());
                }
                return Numbers.canonical(d);
            }
            default:
                return p.getText();
        }
    }
}
