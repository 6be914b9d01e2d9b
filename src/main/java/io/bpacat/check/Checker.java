package io.bpacat.check;

import com.dashjoin.jsonata.Jsonata;
import java.util.List;
import java.util.Map;

/**
 * One checker file ({@code content/checkers/<name>.yaml}), loaded and compiled.
 *
 * @param file        path relative to the content folder, e.g. {@code checkers/vm-not-paused.yaml}
 * @param rule        the rule's asset ID (lower case), or null when linked by {@code page}
 * @param page        file name of the rule page, for rules without an asset ID in any locale; else null
 * @param title       short title for people (informational)
 * @param scope       the collection whose objects it inspects, one result per object
 * @param reads       every field the expressions read, by collection
 * @param require     linked collections that must hold at least one object for each inspected object
 * @param applies     when the rule applies to an object (null: always)
 * @param compliant   the compliance condition
 * @param values      named expressions for the message and remediation, evaluated for noncompliant objects
 * @param message     message template ({@code {{Field}}}, {@code {{value}}})
 * @param remediation PowerShell template; placeholders inserted with single quotes doubled
 * @param examples    small inventories with the expected outcome per object
 */
public record Checker(String file, String rule, String page, String title, String scope,
                      Map<String, List<String>> reads, List<String> require, Expression applies,
                      Expression compliant, Map<String, Expression> values, String message, String remediation,
                      List<Example> examples) {

    /** A compiled JSONata expression with its source and line. */
    public record Expression(String source, int line, Jsonata compiled) {
    }

    /**
     * An example: an inventory (normalized like any other) and the outcome expected per object display name.
     *
     * @param name      what it shows
     * @param line      line of the example in the checker file
     * @param inventory the example inventory, as written
     * @param expect    display name to outcome
     */
    public record Example(String name, int line, Map<String, Object> inventory, Map<String, Outcome> expect) {
    }

    /** The key that links this checker to a rule: its asset ID, or its page file name. */
    public String linkKey() {
        return rule != null ? rule : page;
    }
}
