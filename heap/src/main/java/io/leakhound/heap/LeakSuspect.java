package io.leakhound.heap;

import java.util.List;
import java.util.Optional;

/**
 * Memory that one holder keeps alive, in the spirit of Eclipse MAT's leak suspects: a single object, or
 * the instances of one class together, retaining more than a tenth of the reachable heap, followed down
 * the dominator tree to the accumulation point, the object below which the memory spreads over many
 * elements.
 *
 * @param kind              a single object or a class's instances
 * @param retainedBytes     what the suspect retains
 * @param retainedFraction  of the reachable heap, 0..1
 * @param suspect           the object at the top of the suspect (for a class: its biggest instance)
 * @param accumulationPoint where the memory spreads over the elements
 * @param holder            the object a person would call the holder: the accumulation point, or the
 *                          collection it belongs to when it is the collection's internal array
 * @param holderReference   how the holder is referenced, e.g. {@code static com.acme.EventBus.LISTENERS}
 *                          or {@code thread main}
 * @param elementClass      the class that accumulates below the holder (values rather than map entries)
 * @param elementCount      how many of them
 * @param elementRetainedBytes what those elements retain together
 * @param path              the shortest chain of strong references from a GC root to the accumulation
 *                          point, from the last static field on (or the root), one hop per entry:
 *                          {@code static com.acme.EventBus.LISTENERS}, {@code java.util.ArrayList.elementData},
 *                          {@code java.lang.Object[17]}; a run of the same hop is folded into one entry
 *                          ending in {@code ×N}
 * @param holderInside      the JDK collections the holder wraps, outermost first ({@code java.util.ArrayList}
 *                          inside a {@code Collections$SynchronizedRandomAccessList}); empty when the holder is
 *                          the collection itself
 */
public record LeakSuspect(Kind kind, long retainedBytes, double retainedFraction, HeapAnalysis.ObjectRef suspect,
                          HeapAnalysis.ObjectRef accumulationPoint, HeapAnalysis.ObjectRef holder,
                          String holderReference, String elementClass, long elementCount, long elementRetainedBytes,
                          List<String> path, List<String> holderInside) {

    public LeakSuspect {
        path = List.copyOf(path);
        holderInside = List.copyOf(holderInside);
    }

    /** A holder that wraps no other collection (the signature before {@code holderInside} was added). */
    public LeakSuspect(Kind kind, long retainedBytes, double retainedFraction, HeapAnalysis.ObjectRef suspect,
                       HeapAnalysis.ObjectRef accumulationPoint, HeapAnalysis.ObjectRef holder, String holderReference,
                       String elementClass, long elementCount, long elementRetainedBytes, List<String> path) {
        this(kind, retainedBytes, retainedFraction, suspect, accumulationPoint, holder, holderReference, elementClass,
                elementCount, elementRetainedBytes, path, List.of());
    }

    /** The leak pattern this holder shows and what to do about it; empty when its shape matches none. */
    public Optional<FixAdvice> fixAdvice() {
        return FixAdvice.of(holderReference, holder.className(), holderInside, path, elementClass);
    }

    public enum Kind { SINGLE_OBJECT, CLASS_INSTANCES }
}
