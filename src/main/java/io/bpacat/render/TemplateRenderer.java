package io.bpacat.render;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * The one Thymeleaf engine of a build: templates are parsed once and cached, and every page is rendered with a
 * fresh context. Template names carry their extension, which sets the mode: {@code .html} HTML, {@code .xml} XML,
 * {@code .txt} text. A user's templates folder comes first; what it lacks comes from bpacat's own templates. Plain
 * variable expressions are evaluated without OGNL (PlainExpressions).
 */
public final class TemplateRenderer {
    private final TemplateEngine engine = new TemplateEngine();

    public TemplateRenderer(TemplateSource source, Messages messages) {
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new PlainExpressions());
        engine.setDialect(dialect);
        int order = 1;
        if (source.folder().isPresent()) {
            FileTemplateResolver files = configure(new FileTemplateResolver(), order++);
            files.setPrefix(source.folder().get().toAbsolutePath() + "/");
            files.setCheckExistence(true);
            engine.addTemplateResolver(files);
        }
        ClassLoaderTemplateResolver builtIn = configure(new ClassLoaderTemplateResolver(), order);
        builtIn.setPrefix(TemplateSource.CLASSPATH_ROOT);
        engine.addTemplateResolver(builtIn);
        engine.setMessageResolver(messages);
    }

    private static <T extends AbstractConfigurableTemplateResolver> T configure(T r, int order) {
        r.setOrder(order);
        r.setCharacterEncoding("UTF-8");
        r.setTemplateMode(TemplateMode.HTML);
        r.getXmlTemplateModePatternSpec().addPattern("*.xml");
        r.getTextTemplateModePatternSpec().addPattern("*.txt");
        r.setCacheable(true);
        return r;
    }

    /** Renders a template in a locale's interface language. */
    public String render(String template, String locale, Map<String, Object> variables) {
        return engine.process(template, new Context(Locale.forLanguageTag(locale), variables));
    }
}
