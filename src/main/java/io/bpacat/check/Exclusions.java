package io.bpacat.check;

import io.bpacat.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Exclusions, like Best Practices Analyzer's Exclude: by rule, by object name, or both, each with a reason. A YAML
 * or JSON list of {@code {rule: <rule id>, object: <object name>, reason: <why>}}; rule or object may be left out
 * (not both). Names compare case-insensitively; {@code *} at the end of an object name matches any suffix.
 */
public final class Exclusions {
    /** One exclusion. */
    public record Entry(String rule, String object, String reason) {
        boolean matches(Finding f) {
            return (rule == null || rule.equalsIgnoreCase(f.ruleId()))
                    && (object == null || matchesName(object, f.object()));
        }

        private static boolean matchesName(String pattern, String name) {
            String p = pattern.toLowerCase(Locale.ROOT);
            String n = name.toLowerCase(Locale.ROOT);
            return p.endsWith("*") ? n.startsWith(p.substring(0, p.length() - 1)) : p.equals(n);
        }
    }

    public static final Exclusions NONE = new Exclusions(List.of());

    private final List<Entry> entries;

    public Exclusions(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads an exclusions file; problems are error diagnostics naming the file and line. */
    public static Optional<Exclusions> read(String file, String text, Diagnostics diags) {
        TreeReader.Tree tree;
        try {
            tree = new TreeReader(16, true).readYaml(text);
        } catch (TreeReader.ReadException e) {
            diags.error(file, e.line(), e.column(), "EXC001", "malformed exclusions: " + e.getMessage(),
                    "write a list of {rule, object, reason}");
            return Optional.empty();
        }
        Object v = tree.value();
        if (v instanceof Map<?, ?> m && m.get("exclusions") instanceof List<?> l) {
            v = l;
        }
        if (!(v instanceof List<?> list)) {
            diags.error(file, 1, 1, "EXC001", "exclusions must be a list", "write a list of {rule, object, reason}");
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        boolean ok = true;
        int i = 0;
        for (Object o : list) {
            i++;
            if (!(o instanceof Map<?, ?> m)) {
                diags.error(file, 0, 0, "EXC002", "exclusion " + i + " is not a mapping", "");
                ok = false;
                continue;
            }
            String rule = m.get("rule") == null ? null : String.valueOf(m.get("rule"));
            String object = m.get("object") == null ? null : String.valueOf(m.get("object"));
            String reason = m.get("reason") == null ? "" : String.valueOf(m.get("reason")).trim();
            int line = tree.line(m, "reason") > 0 ? tree.line(m, "reason") : tree.line(m, m.keySet().isEmpty() ? ""
                    : String.valueOf(m.keySet().iterator().next()));
            if (rule == null && object == null) {
                diags.error(file, line, 1, "EXC002", "exclusion " + i + " names neither a rule nor an object",
                        "add rule: <rule id>, object: <name>, or both");
                ok = false;
            } else if (reason.isEmpty()) {
                diags.error(file, line, 1, "EXC003", "exclusion " + i + " gives no reason",
                        "add reason: why this is acceptable here");
                ok = false;
            } else {
                out.add(new Entry(rule, object, reason));
            }
        }
        return ok ? Optional.of(new Exclusions(out)) : Optional.empty();
    }

    /** The findings, each marked with the reason of the first exclusion that matches it (unchanged when none). */
    public List<Finding> apply(List<Finding> findings) {
        if (entries.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding marked = f;
            for (Entry e : entries) {
                if (e.matches(f)) {
                    marked = f.excludedBecause(e.reason());
                    break;
                }
            }
            out.add(marked);
        }
        return out;
    }
}
