/** Validation reports: findings to text, JSON, SARIF 2.1.0, JUnit XML or CSV. Writers only; they decide nothing. */
package io.bpacat.check.report;
