package io.bpacat.check.report;

/**
 * What a report says about a rule: title, severity, category and the link to its page.
 *
 * @param id       catalog ID
 * @param title    title in the report's locale
 * @param severity error, warning or information; null for a rule of a multi-rule page
 * @param category configuration, operations, ...
 * @param helpUri  link to the rule's page
 */
public record RuleInfo(String id, String title, String severity, String category, String helpUri) {
    /** The severity a noncompliant result counts with: a rule without one (a multi-rule page's) counts as a warning. */
    public String countedSeverity() {
        return severity == null ? "warning" : severity;
    }
}
