/**
 * Check stage: reads an inventory of a Hyper-V host (JSON, YAML or CSV as PowerShell writes them), normalizes it
 * with the data-driven {@code inventory-model.json}, loads the checker files of {@code content/checkers/} and
 * evaluates them into findings. It reads the catalog only to label findings; it never changes it.
 */
package io.bpacat.check;
