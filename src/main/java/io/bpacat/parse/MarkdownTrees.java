package io.bpacat.parse;

import com.vladsch.flexmark.util.ast.Document;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Flexmark trees of the page bodies the parser read, handed on to the render stage so a full build parses each
 * body once. Keyed by the body string itself (the same object flows from {@link ParsedPage#body()} to the catalog's
 * translations); a tree is taken once, as rendering may change it, and a body not found here is parsed again. Both
 * stages use {@link RulePageParser#markdownOptions()}, so a tree is the one the render stage would parse itself.
 */
public final class MarkdownTrees {
    private final Map<String, Document> trees = Collections.synchronizedMap(new IdentityHashMap<>());

    void put(String body, Document tree) {
        trees.put(body, tree);
    }

    /** The tree parsed from this very string, removed from here; null when there is none. */
    public Document take(String body) {
        return trees.remove(body);
    }

    /** Forgets the trees no page took. */
    public void clear() {
        trees.clear();
    }
}
