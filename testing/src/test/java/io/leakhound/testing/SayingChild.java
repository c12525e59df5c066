package io.leakhound.testing;

/** A child for {@link ChildJvmIT}: prints its arguments as lines, one to stderr, then exits with 3. */
public final class SayingChild {

    private SayingChild() {
    }

    public static void main(String[] args) {
        for (String line : args) {
            System.out.println(line);
        }
        System.err.println("about to exit");
        System.exit(3);
    }
}
