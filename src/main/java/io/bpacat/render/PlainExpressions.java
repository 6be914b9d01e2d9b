package io.bpacat.render;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.util.ExpressionUtils;

/**
 * Thymeleaf's variable expressions ({@code ${...}}), the plain ones evaluated directly: a variable, alone or followed
 * by calls of methods without arguments ({@code ${rule.severity().key()}}, most expressions of bpacat's templates),
 * perhaps negated ({@code ${!rule.os().isEmpty()}}), with the methods looked up once per class instead of by OGNL on
 * every call (OGNL took a quarter of the build's template time). Everything else goes to OGNL, and so does a plain expression that meets a null, a method it cannot
 * call so, a member Thymeleaf forbids or a method that throws: OGNL then gives its own result or error, so a
 * template renders as with OGNL alone. With the system property {@code bpacat.templates.crossCheck} (set for the
 * test suite) every direct result is compared with OGNL's, and a difference is an error.
 */
final class PlainExpressions implements IStandardVariableExpressionEvaluator {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*\\(\\))*");
    /** OGNL's words, which are not variables. */
    private static final Set<String> WORDS = Set.of("true", "false", "null", "this", "and", "or", "not", "in", "instanceof",
            "eq", "neq", "lt", "lte", "gt", "gte", "band", "bor", "xor", "shl", "shr", "ushr", "new", "param");
    private static final String[] NOT_PLAIN = new String[0];
    private static final boolean CROSS_CHECK = Boolean.getBoolean("bpacat.templates.crossCheck");

    private final IStandardVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);
    /** An expression's variable and method names, or NOT_PLAIN. */
    private final Map<String, String[]> plans = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<String, Optional<Method>>> methods = new ConcurrentHashMap<>();
    /** How many expressions were evaluated without OGNL. */
    final LongAdder direct = new LongAdder();

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext expContext) {
        String[] plan = expression.getUseSelectionAsRoot() || expContext.getPerformTypeConversion()
                ? NOT_PLAIN : plans.computeIfAbsent(expression.getExpression(), PlainExpressions::plan);
        Object value = plan.length == 0 ? Fallback.OGNL : direct(context.getVariable(plan[1]), plan);
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

    /** What an expression evaluates to without OGNL, or Fallback.OGNL where OGNL must answer. */
    private enum Fallback { OGNL }

    /** plan: "!" or "" (negated or not), the variable, then the methods. */
    private Object direct(Object start, String[] plan) {
        Object value = start;
        for (int i = 2; i < plan.length; i++) {
            if (value == null || value instanceof Class) {
                return Fallback.OGNL;
            }
            Object target = value;
            Optional<Method> method = methods.computeIfAbsent(target.getClass(), c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(plan[i], name -> ExpressionUtils.isMemberAllowed(target, name) // by class
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
        if (plan[0].isEmpty()) {
            return value;
        }
        return value instanceof Boolean b ? !b : Fallback.OGNL;
    }

    /**
     * The plan of a plain expression, else NOT_PLAIN. Thymeleaf's restricted contexts (URLs, unescaped text, fragment
     * insertion) forbid only creating objects, static members and request parameters, which a plain expression
     * cannot name but as {@code param}: any expression naming it goes to OGNL, which rules on it.
     */
    private static String[] plan(String expression) {
        String e = expression.strip();
        String negated = e.startsWith("!") ? "!" : "";
        e = e.substring(negated.length());
        if (!PLAIN.matcher(e).matches() || e.contains("param")) {
            return NOT_PLAIN;
        }
        String[] parts = e.replace("()", "").split("\\.");
        if (WORDS.contains(parts[0])) {
            return NOT_PLAIN;
        }
        String[] plan = new String[parts.length + 1];
        plan[0] = negated;
        System.arraycopy(parts, 0, plan, 1, parts.length);
        return plan;
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
            types.addAll(java.util.List.of(t.getInterfaces()));
        }
        return Optional.empty();
    }
}
