package io.bpacat.check;

import java.util.List;

/**
 * One result: what one checker concluded about one object.
 *
 * @param ruleId      the rule's catalog ID
 * @param checker     checker file, relative to the content folder
 * @param collection  the collection of the object
 * @param object      the object's display name ({@code (inventory)} when the whole inventory lacks data)
 * @param outcome     the outcome
 * @param message     what is wrong (noncompliant), or what is missing or broken; empty when compliant
 * @param remediation PowerShell that fixes it (noncompliant only)
 * @param missing     fields or collections that were missing (cannot evaluate)
 * @param inventory   inventory file the object came from
 * @param exclusion   the reason of the exclusion that matched, or null when not excluded
 */
public record Finding(String ruleId, String checker, String collection, String object, Outcome outcome,
                      String message, String remediation, List<String> missing, String inventory, String exclusion) {
    public Finding {
        missing = List.copyOf(missing);
    }

    public boolean excluded() {
        return exclusion != null;
    }

    public Finding excludedBecause(String reason) {
        return new Finding(ruleId, checker, collection, object, outcome, message, remediation, missing, inventory,
                reason);
    }
}
