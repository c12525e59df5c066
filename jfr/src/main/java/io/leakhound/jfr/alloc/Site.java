package io.leakhound.jfr.alloc;

import java.util.List;
import java.util.Objects;

/**
 * Where instances of one class are allocated: the allocating frame ({@link #top}), the first application
 * frame below it ({@link #application}) and the heaviest full stack seen with these two, with what the
 * recording says about the site: bytes sampled by the allocation events and old-object samples still alive
 * at the end.
 *
 * @param top                the frame that allocates (a JDK frame such as {@code Arrays.copyOf} when the
 *                           application allocates through the JDK)
 * @param application        the first frame outside {@code java.*, javax.*, jdk.*, sun.*, com.sun.*},
 *                           counting from the top; null when every frame is the JDK's
 * @param stack              the heaviest stack with this top and application frame, top first, as deep as
 *                           the recording kept it (64 frames by default)
 * @param allocatedBytes     bytes the allocation events attribute to the site (an estimate: they sample)
 * @param allocationSamples  allocation events of the site
 * @param survivors          old-object samples of the site alive at the end of the recording
 * @param survivorBytes      their estimated size: exact element bytes for arrays of primitives, element
 *                           count times the reference size for object arrays, {@value #OBJECT_BYTES} bytes for
 *                           other objects (the recording does not say an instance's size)
 * @param settledSurvivors   those of the survivors allocated before the recording's last tenth, which have
 *                           had time to be collected (the youngest may be garbage not yet collected)
 * @param settledSurvivorBytes their estimated size; what ranks the sites of a growing class
 */
public record Site(Frame top, Frame application, List<Frame> stack, long allocatedBytes, long allocationSamples,
                   int survivors, long survivorBytes, int settledSurvivors,
                   long settledSurvivorBytes) {

    /** What one non-array survivor counts for in {@link #survivorBytes}: the smallest object with a field. */
    public static final int OBJECT_BYTES = 16;

    public Site {
        Objects.requireNonNull(top, "top");
        stack = List.copyOf(stack);
    }

    /**
     * The line to look at: the application frame with its line, or the top frame when every frame is the
     * JDK's.
     */
    public Frame allocatingLine() {
        return application != null ? application : top;
    }
}
