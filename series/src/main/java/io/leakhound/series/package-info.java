/**
 * Memory over time: the GC event model, the readers that produce it, and the leak verdict engine.
 *
 * <p>This module depends on the JDK only. Nothing here prints: results are records that the
 * {@code report} module renders.
 */
package io.leakhound.series;
