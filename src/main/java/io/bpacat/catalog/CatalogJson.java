package io.bpacat.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bpacat.diag.Diagnostic;
import io.bpacat.parse.SectionRole;
import java.io.UncheckedIOException;

/**
 * Serializes a catalog to {@code catalog.json} (schema: {@code schemas/catalog.schema.json}). Keys and arrays are
 * in a fixed order, so the same catalog always gives the same bytes.
 */
public final class CatalogJson {
    public static final String SCHEMA_VERSION = "1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CatalogJson() {
    }

    public static String write(Catalog catalog) {
        ObjectNode root = F.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode locales = root.putArray("locales");
        catalog.locales().forEach(locales::add);
        ArrayNode rules = root.putArray("rules");
        catalog.rules().forEach(r -> rules.add(rule(r)));
        ArrayNode pages = root.putArray("pages");
        catalog.pages().forEach(p -> pages.add(page(p)));
        ArrayNode diags = root.putArray("diagnostics");
        catalog.diagnostics().forEach(d -> diags.add(diagnostic(d)));
        return pretty(root);
    }

    static String pretty(ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode rule(Rule r) {
        ObjectNode n = F.objectNode();
        n.put("id", r.id());
        n.put("assetId", r.assetId());
        n.put("kind", r.kind().json());
        n.put("parent", r.parent());
        n.put("severity", r.severity());
        n.put("category", r.category());
        n.put("product", r.product());
        ArrayNode os = n.putArray("operatingSystems");
        r.operatingSystems().forEach(os::add);
        n.put("checker", r.checker());
        ObjectNode tr = n.putObject("translations");
        r.translations().forEach((locale, t) -> tr.set(locale, translation(t)));
        return n;
    }

    private static ObjectNode page(Page p) {
        ObjectNode n = F.objectNode();
        n.put("id", p.id());
        n.put("assetId", p.assetId());
        n.put("kind", p.kind());
        ArrayNode rules = n.putArray("rules");
        p.rules().forEach(rules::add);
        ObjectNode tr = n.putObject("translations");
        p.translations().forEach((locale, t) -> tr.set(locale, translation(t)));
        return n;
    }

    private static ObjectNode translation(Translation t) {
        ObjectNode n = F.objectNode();
        n.put("title", t.title());
        n.put("description", t.description());
        n.put("source", t.source());
        n.put("line", t.line());
        n.put("anchor", t.anchor());
        n.put("date", t.date());
        n.put("machineTranslated", t.machineTranslated());
        n.put("appliesTo", t.appliesTo());
        ArrayNode sections = n.putArray("sections");
        for (SectionRole role : SectionRole.values()) {
            if (t.sections().containsKey(role)) {
                sections.add(role.key());
            }
        }
        ArrayNode alerts = n.putArray("alerts");
        t.alerts().forEach(a -> alerts.add(a.type()));
        return n;
    }

    private static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode n = F.objectNode();
        n.put("file", d.file());
        n.put("line", d.line());
        n.put("column", d.column());
        n.put("severity", d.level().label());
        n.put("code", d.code());
        n.put("message", d.message());
        n.put("hint", d.hint());
        return n;
    }

}
