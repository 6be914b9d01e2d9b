package io.bpacat.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/**
 * The interface text of the site in every supported language, from {@code i18n/messages[_lang].properties} in the
 * templates (UTF-8). A language without a file, or a key missing from it, falls back to English. Serves
 * Thymeleaf's {@code #{key}} expressions and Java code alike.
 */
public final class Messages implements IMessageResolver {
    /** The interface languages shipped with the default templates. */
    public static final Set<String> LANGUAGES = Set.of("en", "it", "de", "fr", "es", "ja");

    private final Map<String, Properties> byLanguage = new TreeMap<>();
    private final Properties english;

    Messages(TemplateSource templates) {
        this.english = load(templates, "i18n/messages.properties");
        if (english.isEmpty()) {
            throw new IllegalStateException("the templates have no i18n/messages.properties");
        }
        for (String lang : LANGUAGES) {
            byLanguage.put(lang, load(templates, "i18n/messages_" + lang + ".properties"));
        }
    }

    private static Properties load(TemplateSource templates, String name) {
        Properties p = new Properties();
        try (InputStream in = templates.open(name)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of the templates", e);
        }
        return p;
    }

    /** The interface language for a content locale: {@code it-IT} → {@code it}; unsupported → {@code en}. */
    public static String language(String locale) {
        return LANGUAGE_OF.computeIfAbsent(locale, l -> {
            String lang = Locale.forLanguageTag(l).getLanguage();
            return LANGUAGES.contains(lang) ? lang : "en";
        });
    }

    private static final Map<String, String> LANGUAGE_OF = new java.util.concurrent.ConcurrentHashMap<>();

    public String get(String locale, String key, Object... args) {
        Properties p = byLanguage.get(language(locale));
        String text = p != null ? p.getProperty(key) : null;
        if (text == null) {
            text = english.getProperty(key);
        }
        if (text == null) {
            throw new IllegalArgumentException("no interface text \"" + key + "\" in i18n/messages.properties");
        }
        return args.length == 0 ? text : new MessageFormat(text, Locale.forLanguageTag(locale)).format(args);
    }

    @Override
    public String getName() {
        return "bpacat";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
        return get(context.getLocale().toLanguageTag(), key, args == null ? new Object[0] : args);
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                    Object[] args) {
        throw new IllegalArgumentException("no interface text \"" + key + "\" in i18n/messages.properties");
    }
}
