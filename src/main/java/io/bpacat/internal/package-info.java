/** Helpers every stage may use (running work in parallel); they know nothing of rules, pages or sites. */
package io.bpacat.internal;
