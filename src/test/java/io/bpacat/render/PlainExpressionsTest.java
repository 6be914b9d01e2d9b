package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.StandardDialect;

/** Plain variable expressions evaluated without OGNL give what OGNL gives, and the others still go to OGNL. */
class PlainExpressionsTest {
    public record Inner(String text) {
    }

    public record Outer(String title, Inner inner, List<String> tags) {
    }

    private static final Outer OUTER = new Outer("A <b> title", new Inner("deep"), List.of("x", "y"));

    /** The last evaluator render() used without OGNL. */
    private static PlainExpressions last;

    private static String render(String template, Map<String, Object> vars, boolean plain) {
        TemplateEngine engine = new TemplateEngine();
        if (plain) {
            StandardDialect dialect = new StandardDialect();
            last = new PlainExpressions();
            dialect.setVariableExpressionEvaluator(last);
            engine.setDialect(dialect);
        }
        return engine.process(template, new Context(Locale.ROOT, vars));
    }

    private static void sameAsOgnl(String template, Map<String, Object> vars) {
        assertEquals(render(template, vars, false), render(template, vars, true), template);
    }

    @Test
    void variablesAndChainsOfCallsGiveWhatOgnlGives() {
        Map<String, Object> vars = Map.of("o", OUTER, "n", 7);
        sameAsOgnl("<p th:text=\"${o.title()}\"></p><p th:utext=\"${o.title()}\"></p>", vars);
        sameAsOgnl("<p th:text=\"${o.inner().text()}\"></p><p th:text=\"${n}\"></p><p th:text=\"${missing}\"></p>", vars);
        sameAsOgnl("<p th:text=\"${o.tags().size()}\"></p>", vars); // a method of a class the JDK keeps to itself
        assertEquals(1, last.direct.sum(), "through the public interface, without OGNL");
        sameAsOgnl("<p th:each=\"t : ${o.tags()}\" th:text=\"${t.length()}\"></p>", vars); // a loop's variable
        assertEquals("<p>A &lt;b&gt; title</p><p>deep</p>",
                render("<p th:text=\"${o.title()}\"></p><p th:text=\"${o.inner().text()}\"></p>", vars, true));
        assertEquals(2, last.direct.sum(), "both without OGNL");
    }

    @Test
    void negationsAndTheRestrictedPlacesOfUrlsAndUnescapedTextToo() {
        Map<String, Object> vars = Map.of("o", OUTER, "n", 7);
        String template = "<a th:href=\"@{${o.inner().text()}}\" th:if=\"${!o.tags().isEmpty()}\" th:utext=\"${o.title()}\">"
                + "</a><b th:if=\"${!o.title().isEmpty()}\">shown</b><i th:if=\"${!o.tags().isEmpty()}\">x</i>";
        sameAsOgnl(template, vars);
        render(template, vars, true);
        assertEquals(5, last.direct.sum(), "every one without OGNL");
        sameAsOgnl("<p th:if=\"${!n}\">not a boolean: OGNL</p>", vars);
    }

    @Test
    void nullTestsChoicesBetweenTextsAndATextAfterAChain() {
        Map<String, Object> vars = new HashMap<>(Map.of("o", OUTER, "yes", true, "no", false));
        vars.put("none", null);
        String template = "<p th:if=\"${o.inner() != null}\">a</p><p th:if=\"${o.inner() == null}\">b</p>"
                + "<p th:if=\"${none == null}\">c</p><p th:text=\"${yes ? 'shown' : 'hidden'}\"></p>"
                + "<p th:text=\"${no ? 'shown' : null}\"></p><p th:attr=\"aria-current=${yes ? 'page' : null}\"></p>"
                + "<a th:href=\"${o.inner().text() + '/assets/site.css'}\">x</a>";
        sameAsOgnl(template, vars);
        render(template, vars, true);
        assertEquals(7, last.direct.sum(), "every one without OGNL");
        String ognlOnly = "<p th:text=\"${o.title() + 'x'}\"></p><p th:text=\"${o.tags() ? 'a' : 'b'}\"></p>"
                + "<p th:text=\"${yes + 'xx'}\"></p><p th:text=\"${o.title() + ' new'}\"></p>";
        sameAsOgnl(ognlOnly, vars); // a one-letter text, a choice on what is not a boolean, not a text, 'new'
        render(ognlOnly, vars, true);
        assertEquals(0, last.direct.sum(), "all by OGNL");
    }

    @Test
    void otherExpressionsGoToOgnl() {
        Map<String, Object> vars = Map.of("o", OUTER, "n", 7);
        sameAsOgnl("<p th:text=\"${o.inner() != null}\"></p><p th:text=\"${n + 1}\"></p><p th:text=\"${true}\"></p>",
                vars);
        sameAsOgnl("<p th:text=\"${o.title}\"></p><p th:text=\"${#strings.toUpperCase(o.title())}\"></p>", vars);
        sameAsOgnl("<p th:object=\"${o}\" th:text=\"*{title()}\"></p>", vars);
        render("<p th:text=\"${o.tags().size() > 1}\"></p><p th:text=\"${o.title}\"></p>", vars, true);
        assertEquals(0, last.direct.sum(), "all by OGNL");
    }

    @Test
    void aNullOnTheWayFailsAsWithOgnl() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("o", new Outer("t", null, List.of()));
        String template = "<p th:text=\"${o.inner().text()}\"></p>";
        TemplateProcessingException ognl = assertThrows(TemplateProcessingException.class,
                () -> render(template, vars, false));
        TemplateProcessingException plain = assertThrows(TemplateProcessingException.class,
                () -> render(template, vars, true));
        assertEquals(ognl.getMessage(), plain.getMessage());
    }
}
