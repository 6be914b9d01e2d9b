package io.bpacat.check.report;

/**
 * What a report says about a rule: title, severity, category and the link to its page.
 *
 * @param id       catalog ID
 * @param title    title in the report's locale
 * @param severity error, warning or information
 * @param category configuration, operations, ...
 * @param helpUri  link to the rule's page
 */
public record RuleInfo(String id, String title, String severity, String category, String helpUri) {
}
