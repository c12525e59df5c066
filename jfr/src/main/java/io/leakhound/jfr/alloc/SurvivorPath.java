package io.leakhound.jfr.alloc;

import java.util.List;

/**
 * How sampled objects still alive at the end of a recording are reached from a GC root, as the JVM found it
 * when the recording was made with {@code path-to-gc-roots=true} and written while the JVM ran.
 *
 * @param root  the GC root: its system ("Threads", "Class Loader Data", "JNI Global"...), type and
 *              description, as the JVM names it
 * @param chain the references from the root to the object, one per step: {@code static com.acme.Bus.listeners}
 *              for a static field, {@code java.util.ArrayList.elementData} for an instance field of the holder,
 *              {@code java.lang.Object[][*]} for an array slot (indexes folded so that one path stands for all
 *              elements of a collection), {@code … N skipped …} where the JVM left links out, then the
 *              object's class
 * @param count how many survivors of the class are reached this way
 */
public record SurvivorPath(String root, List<String> chain, int count) {

    public SurvivorPath {
        chain = List.copyOf(chain);
    }
}
