package io.leakhound.heap;

import io.leakhound.hprof.BasicType;

import java.util.List;

/**
 * A class of the dump: its name in Java source form ({@code java.util.HashMap$Node},
 * {@code java.lang.Object[]}, {@code int[]}), its place in the hierarchy and the layout of its instances.
 *
 * @param index           dense index among the dump's classes
 * @param address         the class object's address, 0 for a class the dump does not contain (the
 *                        classes of primitive arrays when the dump has no class dump for them)
 * @param node            the class object's node in the graph, -1 when it has none
 * @param name            the name in Java source form
 * @param superIndex      index of the superclass, -1 for {@code java.lang.Object} and unknown ones
 * @param loaderAddress   the class loader's address, 0 for the boot loader
 * @param arrayElement    element type for array classes, {@code null} for the others
 * @param instanceSize    bytes of an instance in the JVM, per the {@link SizeModel}; 0 for arrays
 * @param fieldBytes      bytes an instance's field values take in the file
 * @param fields          every instance field in the order an instance dump lists them (own fields
 *                        first, then the superclass's)
 * @param staticFields    the static fields the class dump lists
 */
public record HeapClass(int index, long address, int node, String name, int superIndex, long loaderAddress,
                        BasicType arrayElement, long instanceSize, int fieldBytes, List<Field> fields,
                        List<StaticField> staticFields) {

    public HeapClass {
        fields = List.copyOf(fields);
        staticFields = List.copyOf(staticFields);
    }

    /**
     * An instance field.
     *
     * @param name          the field's name
     * @param declaringClass the class that declares it, in Java source form
     * @param type          its type
     * @param fileOffset    where its value starts among an instance dump's field bytes
     * @param strong        false for {@code java.lang.ref.Reference.referent}, which does not keep its object alive
     */
    public record Field(String name, String declaringClass, BasicType type, int fileOffset, boolean strong) {
    }

    /** A static field with its value's raw bits (an address for references). */
    public record StaticField(String name, BasicType type, long value) {
    }

    public boolean isArray() {
        return arrayElement != null;
    }

    /**
     * A class name as a dump writes it ({@code java/util/HashMap$Node}, {@code [Ljava/lang/Object;},
     * {@code [[I}) in Java source form ({@code java.util.HashMap$Node}, {@code java.lang.Object[]},
     * {@code int[][]}).
     */
    static String sourceName(String vmName) {
        int dimensions = 0;
        while (dimensions < vmName.length() && vmName.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return vmName.replace('/', '.');
        }
        String element = vmName.substring(dimensions);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "C" -> "char";
            case "F" -> "float";
            case "D" -> "double";
            case "B" -> "byte";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element.replace('/', '.');
        };
        return base + "[]".repeat(dimensions);
    }

    /** The Java name of the array class whose elements have this primitive type. */
    static String primitiveArrayName(BasicType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT) + "[]";
    }
}
