package io.leakhound.cli;

import io.leakhound.hprof.BasicType;
import io.leakhound.testing.hprof.TinyHeap;
import io.leakhound.testing.hprof.TinyHeap.ClassHandle;
import io.leakhound.testing.hprof.TinyHeap.Field;
import io.leakhound.testing.hprof.TinyHeap.ObjectHandle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Dumps of one tiny process at different moments, written with the {@link TinyHeap} DSL: the static field
 * {@code com.acme.EventBus.LISTENERS} holds a {@code java.util.ArrayList} whose {@code elementData} holds
 * {@code n} {@code com.acme.Listener}, each with a {@value #PAYLOAD}-byte {@code byte[]}; beside it a bounded
 * cache, {@code com.acme.Cache.ENTRIES}, holds {@value #CACHED} {@code com.acme.Entry} in every dump (a
 * fresh set each time, as a cache that evicts and refills would). Only the listeners grow with {@code n}.
 */
final class GrowingDumps {

    static final int PAYLOAD = 4096;
    static final int CACHED = 20;

    private GrowingDumps() {
    }

    /** The process's dump with {@code listeners} listeners, taken at {@code when}. */
    static Path write(Path file, int listeners, Instant when) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8);
        ClassHandle arrayList = heap.defineClass("java.util.ArrayList", heap.objectClass(),
                Field.of("elementData", BasicType.OBJECT), Field.of("size", BasicType.INT));
        ClassHandle objects = heap.arrayClassOf(heap.objectClass());
        ClassHandle eventBus = heap.defineClass("com.acme.EventBus", heap.objectClass());
        ClassHandle listener = heap.defineClass("com.acme.Listener", heap.objectClass(),
                Field.of("payload", BasicType.OBJECT));
        ClassHandle cache = heap.defineClass("com.acme.Cache", heap.objectClass());
        ClassHandle entry = heap.defineClass("com.acme.Entry", heap.objectClass(), Field.of("value", BasicType.OBJECT));
        heap.setStatic(eventBus, "LISTENERS", list(heap, arrayList, objects, listeners,
                () -> heap.newInstance(listener, "payload", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD))));
        heap.setStatic(cache, "ENTRIES", list(heap, arrayList, objects, CACHED,
                () -> heap.newInstance(entry, "value", heap.newPrimitiveArray(BasicType.BYTE, 512))));
        return heap.takenAt(when).writeTo(file);
    }

    private static ObjectHandle list(TinyHeap heap, ClassHandle arrayList, ClassHandle objects, int size,
                                     java.util.function.Supplier<ObjectHandle> element) {
        ObjectHandle[] elements = new ObjectHandle[size];
        for (int i = 0; i < size; i++) {
            elements[i] = element.get();
        }
        return heap.newInstance(arrayList, "elementData", heap.newObjectArray(objects, elements), "size", size);
    }
}
