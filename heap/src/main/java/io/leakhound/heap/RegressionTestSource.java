package io.leakhound.heap;

import java.util.Locale;

/**
 * A JUnit 5 test, as source, that keeps a found leak from coming back: it repeats the operation that added to
 * the holder (left for the user to fill in: no dump says which call that was) under
 * {@code LeakAssertions.assertNoLeak} of {@code leakhound-junit}, and checks that the holder itself, reached
 * by reflection through the field the dump named, is no bigger after a thousand calls. It fails while the
 * leak is there, and its holder check fails at once (naming the field) when the field is renamed.
 *
 * <p>Printed by {@code diff --junit-test} and {@code heap --junit-test} for their first suspect.
 */
public final class RegressionTestSource {

    private RegressionTestSource() {
    }

    /** The test for a holder that grew between dumps. */
    public static String of(HeapDiff.GrowthSuspect s) {
        return of(s.holderReference(), s.holderClass(), s.elementClass(), s.holderReference() + " (" + s.holderClass()
                + ") grew from " + s.countBefore() + " to " + s.countAfter() + " " + s.elementClass());
    }

    /** The test for a holder that retains much in one dump. */
    public static String of(LeakSuspect s) {
        return of(s.holderReference(), s.holder().className(), s.elementClass(), s.holderReference() + " ("
                + s.holder().className() + ") holds " + s.elementCount() + " " + s.elementClass());
    }

    /**
     * @param holderReference how the holder is referenced: {@code static com.acme.Bus.LISTENERS} (a static
     *                        field), {@code com.acme.Registry.sessions} (an instance field), or anything else
     *                        (a thread, a local variable), for which the holder check is left out
     * @param holderClass     the holder's class, for the comment
     * @param elementClass    what accumulates in it, for the comment
     * @param found           what was found, in words, for the comment
     */
    public static String of(String holderReference, String holderClass, String elementClass, String found) {
        boolean isStatic = holderReference.startsWith("static ");
        String field = isStatic ? holderReference.substring("static ".length()) : holderReference;
        int dot = field.lastIndexOf('.');
        boolean named = dot > 0 && field.matches("[\\w.$]+") && !holderReference.startsWith("thread ");
        String declaring = named ? field.substring(0, dot) : null;
        String fieldName = named ? field.substring(dot + 1) : null;
        String simple = declaring == null ? "Holder" : declaring.substring(declaring.lastIndexOf('.') + 1)
                .replace("$", "");
        String testClass = simple + (fieldName == null ? "" : capitalised(fieldName)) + "LeakTest";
        String elements = elementClass == null ? "elements" : elementClass;
        StringBuilder s = new StringBuilder();
        s.append("// Written by leakhound for the leak it found: ").append(oneLine(found)).append('\n');
        if (declaring != null && declaring.contains(".")) {
            s.append("package ").append(declaring, 0, declaring.lastIndexOf('.')).append(";\n");
        }
        s.append('\n');
        s.append("import static io.leakhound.junit.LeakAssertions.assertNoLeak;\n");
        if (named) {
            s.append("import static org.junit.jupiter.api.Assertions.assertTrue;\n\n");
            s.append("import java.lang.reflect.Field;\n");
            s.append("import java.lang.reflect.Method;\n");
            s.append("import java.util.Collection;\n");
            s.append("import java.util.Map;\n");
        } else {
            s.append('\n');
        }
        s.append("import org.junit.jupiter.api.Test;\n\n");
        s.append("/**\n");
        s.append(" * Keeps the leak of ").append(holderReference).append(" (").append(holderClass).append(", holding ")
                .append(elements).append(") from coming back.\n");
        s.append(" * Fill in operation() with the call that added to it (a request, a session opened and closed, an\n");
        s.append(" * event published); both tests fail while the leak is there. Needs leakhound-junit and JUnit 5.\n");
        s.append(" */\n");
        s.append("class ").append(testClass).append(" {\n\n");
        s.append("    /** TODO the operation that added ").append(elements).append(" to ").append(holderReference)
                .append(". */\n");
        s.append("    private static void operation() {\n");
        s.append("        throw new UnsupportedOperationException(\"fill in the operation that leaked\");\n");
        s.append("    }\n\n");
        s.append("    @Test\n");
        s.append("    void operationRetainsNothing() {\n");
        s.append("        assertNoLeak(").append(testClass).append("::operation);\n");
        s.append("    }\n");
        if (named) {
            s.append('\n');
            s.append("    @Test\n");
            s.append("    void operationLeavesTheHolderNoBigger() throws Exception {\n");
            s.append("        operation(); // warm up: caches, lazy initialisation\n");
            s.append("        long before = size(holder());\n");
            s.append("        for (int i = 0; i < 1_000; i++) {\n");
            s.append("            operation();\n");
            s.append("        }\n");
            s.append("        long after = size(holder());\n");
            s.append("        assertTrue(after <= before, \"").append(javaString(holderReference))
                    .append(" grew from \" + before + \" to \" + after);\n");
            s.append("    }\n\n");
            s.append("    private static Object holder() throws ReflectiveOperationException {\n");
            s.append("        Field field = Class.forName(\"").append(javaString(declaring)).append("\").getDeclaredField(\"")
                    .append(javaString(fieldName)).append("\");\n");
            s.append("        field.setAccessible(true);\n");
            if (isStatic) {
                s.append("        return field.get(null);\n");
            } else {
                s.append("        return field.get(instance());\n");
            }
            s.append("    }\n\n");
            if (!isStatic) {
                s.append("    /** TODO the ").append(declaring).append(" whose ").append(fieldName)
                        .append(" grew (the singleton, or the one the operation uses). */\n");
                s.append("    private static Object instance() {\n");
                s.append("        throw new UnsupportedOperationException(\"fill in the ").append(javaString(declaring))
                        .append(" instance\");\n");
                s.append("    }\n\n");
            }
            s.append("    /** Elements of a collection, a map, or anything with size() or estimatedSize() (a cache). */\n");
            s.append("    private static long size(Object holder) throws ReflectiveOperationException {\n");
            s.append("        if (holder instanceof Collection<?> collection) {\n");
            s.append("            return collection.size();\n");
            s.append("        }\n");
            s.append("        if (holder instanceof Map<?, ?> map) {\n");
            s.append("            return map.size();\n");
            s.append("        }\n");
            s.append("        for (String name : new String[] {\"size\", \"estimatedSize\"}) {\n");
            s.append("            try {\n");
            s.append("                Method size = holder.getClass().getMethod(name);\n");
            s.append("                size.setAccessible(true);\n");
            s.append("                return ((Number) size.invoke(holder)).longValue();\n");
            s.append("            } catch (NoSuchMethodException e) {\n");
            s.append("                // try the next\n");
            s.append("            }\n");
            s.append("        }\n");
            s.append("        throw new AssertionError(\"cannot count the elements of \" + holder.getClass());\n");
            s.append("    }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static String capitalised(String name) {
        String letters = name.toLowerCase(Locale.ROOT).replace("_", " ");
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : (name.equals(name.toUpperCase(Locale.ROOT)) ? letters : name).toCharArray()) {
            if (c == ' ') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
