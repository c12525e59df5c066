/**
 * What a watch records about a process besides its samples, as values that the store writes and the reports
 * render: the watched {@link io.leakhound.series.history.Target}, its {@link io.leakhound.series.history.Alert}
 * changes, its automatic {@link io.leakhound.series.history.Capture}s and the people's
 * {@link io.leakhound.series.history.Annotation}s. Plain records, no I/O: a report reads them without the store's
 * SQLite.
 */
package io.leakhound.series.history;
