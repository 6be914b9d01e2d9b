package io.bpacat.render;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.util.ExpressionUtils;

/**
 * Thymeleaf's variable expressions ({@code ${...}}), the plain ones evaluated directly. A plain expression is a
 * variable, alone or followed by calls of methods without arguments ({@code ${rule.severity().key()}}), perhaps
 * negated ({@code ${!rule.os().isEmpty()}}), compared with null, choosing between two texts
 * ({@code ${r.checker() ? 'yes' : 'no'}}) or followed by one ({@code ${site.root() + 'assets/site.css'}}): most
 * expressions of bpacat's templates. Its methods are looked up once per class instead of by OGNL on every call (OGNL
 * took a quarter of the build's template time). Everything else goes to OGNL, and so does a plain expression that
 * meets a null, a method it cannot call so, a member Thymeleaf forbids or a method that throws: OGNL then gives its
 * own result or error, so a template renders as with OGNL alone. With the system property
 * {@code bpacat.templates.crossCheck} (set for the test suite) every direct result is compared with OGNL's, and a
 * difference is an error.
 */
final class PlainExpressions implements IStandardVariableExpressionEvaluator {
    private static final String CHAIN = "([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*\\(\\))*)";
    /** A text of at least two characters (OGNL reads a one-character one as a character). */
    private static final String TEXT = "'([^'\\\\]{2,})'";
    private static final Pattern VALUE = Pattern.compile("(!?)" + CHAIN);
    private static final Pattern NULL_TEST = Pattern.compile(CHAIN + "\\s*([!=]=)\\s*null");
    private static final Pattern CHOICE = Pattern.compile(CHAIN + "\\s*\\?\\s*(?:" + TEXT + "|null)\\s*:\\s*(?:" + TEXT
            + "|null)");
    private static final Pattern CONCAT = Pattern.compile(CHAIN + "\\s*\\+\\s*" + TEXT);
    /** OGNL's words, which are not variables. */
    private static final Set<String> WORDS = Set.of("true", "false", "null", "this", "and", "or", "not", "in", "instanceof",
            "eq", "neq", "lt", "lte", "gt", "gte", "band", "bor", "xor", "shl", "shr", "ushr");
    private static final Plan NOT_PLAIN = new Plan(Form.OGNL, new String[0], null, null);
    private static final boolean CROSS_CHECK = Boolean.getBoolean("bpacat.templates.crossCheck");

    private final IStandardVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<String, Optional<Method>>> methods = new ConcurrentHashMap<>();
    /** How many expressions were evaluated without OGNL. */
    final LongAdder direct = new LongAdder();

    /** What is done with a chain's value. */
    private enum Form { OGNL, VALUE, NOT, IS_NULL, NOT_NULL, CHOICE, CONCAT }

    /**
     * A plain expression: a chain (the variable, then the methods called in turn) and what is done with its value:
     * nothing, negated (a boolean), compared with null, a choice between two texts or nulls (a boolean), or followed
     * by a text (a text).
     */
    private record Plan(Form form, String[] chain, String a, String b) {
    }

    /** What an expression evaluates to without OGNL, or Fallback.OGNL where OGNL must answer. */
    private enum Fallback { OGNL }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext expContext) {
        Plan plan = expression.getUseSelectionAsRoot() || expContext.getPerformTypeConversion()
                ? NOT_PLAIN : plans.computeIfAbsent(expression.getExpression(), PlainExpressions::plan);
        Object value = plan.form() == Form.OGNL ? Fallback.OGNL : direct(context, plan);
        if (value == Fallback.OGNL) {
            return ognl.evaluate(context, expression, expContext);
        }
        direct.increment();
        if (CROSS_CHECK) {
            Object expected = ognl.evaluate(context, expression, expContext);
            if (!Objects.equals(expected, value)) {
                throw new IllegalStateException("${" + expression.getExpression() + "} gave " + value
                        + ", OGNL gives " + expected);
            }
        }
        return value;
    }

    private Object direct(IExpressionContext context, Plan plan) {
        Object v = chain(context.getVariable(plan.chain()[0]), plan.chain());
        if (v == Fallback.OGNL) {
            return v;
        }
        return switch (plan.form()) {
            case VALUE -> v;
            case NOT -> v instanceof Boolean b ? !b : Fallback.OGNL;
            case IS_NULL -> v == null;
            case NOT_NULL -> v != null;
            case CHOICE -> v instanceof Boolean b ? (b ? plan.a() : plan.b()) : Fallback.OGNL;
            case CONCAT -> v instanceof String text ? text + plan.a() : Fallback.OGNL;
            case OGNL -> Fallback.OGNL;
        };
    }

    /** The value of a chain, or Fallback.OGNL where a method cannot be called directly. */
    private Object chain(Object start, String[] chain) {
        Object value = start;
        for (int i = 1; i < chain.length; i++) {
            if (value == null || value instanceof Class) {
                return Fallback.OGNL;
            }
            Object target = value;
            Optional<Method> method = methods.computeIfAbsent(target.getClass(), c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(chain[i], name -> ExpressionUtils.isMemberAllowed(target, name) // by class
                            ? callable(target.getClass(), name) : Optional.empty());
            if (method.isEmpty()) {
                return Fallback.OGNL;
            }
            try {
                value = method.get().invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                return Fallback.OGNL;
            }
        }
        return value;
    }

    /**
     * The plan of a plain expression, else NOT_PLAIN. Thymeleaf's restricted places (URLs, unescaped text, fragment
     * insertion) forbid only creating objects, static members and request parameters, which it finds by the words
     * {@code new} and {@code param} and the sign {@code @}: an expression with any of them goes to OGNL.
     */
    private static Plan plan(String expression) {
        String e = expression.strip();
        if (e.contains("new") || e.contains("param") || e.contains("@")) {
            return NOT_PLAIN;
        }
        Matcher m;
        Plan plan;
        if ((m = VALUE.matcher(e)).matches()) {
            plan = new Plan(m.group(1).isEmpty() ? Form.VALUE : Form.NOT, names(m.group(2)), null, null);
        } else if ((m = NULL_TEST.matcher(e)).matches()) {
            plan = new Plan(m.group(2).equals("==") ? Form.IS_NULL : Form.NOT_NULL, names(m.group(1)), null, null);
        } else if ((m = CHOICE.matcher(e)).matches()) {
            plan = new Plan(Form.CHOICE, names(m.group(1)), m.group(2), m.group(3));
        } else if ((m = CONCAT.matcher(e)).matches()) {
            plan = new Plan(Form.CONCAT, names(m.group(1)), m.group(2), null);
        } else {
            return NOT_PLAIN;
        }
        return WORDS.contains(plan.chain()[0]) ? NOT_PLAIN : plan;
    }

    private static String[] names(String chain) {
        return chain.replace("()", "").split("\\.");
    }

    /**
     * The public method without parameters of that name that a caller outside the class's package may call: declared
     * by the class, one of its superclasses or interfaces that is public and whose package its module exports.
     */
    private static Optional<Method> callable(Class<?> type, String name) {
        Deque<Class<?>> types = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        types.add(type);
        while (!types.isEmpty()) {
            Class<?> t = types.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            if (Modifier.isPublic(t.getModifiers()) && t.getModule().isExported(t.getPackageName())) {
                try {
                    Method m = t.getMethod(name);
                    if (!Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        return Optional.of(m);
                    }
                } catch (NoSuchMethodException e) {
                    // not among this type's methods: perhaps among another supertype's
                }
            }
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            types.addAll(List.of(t.getInterfaces()));
        }
        return Optional.empty();
    }
}
