package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command end to end: the demo service leaks, the watch finds the LEAK, captures two dumps,
 * diffs them and names the holder; the history is a real SQLite file and an HTML report.
 */
@Tag("slow") // runs the demo command end to end
class DemoCommandTest {

    @TempDir
    Path out;

    @Test
    void listenerLeakDemo_watchFindsTheLeakCapturesTwoDumpsAndNamesTheHolder() throws Exception {
        Run run = Run.of("demo", "--out", out.toString(), "--leak-rate", "1m");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_LEAK);
        assertThat(run.out()).contains("demo service started: pid ", "LEAK", "Holder: ",
                "io.leakhound.demo.ModeBehaviour$ListenerLeak.listeners", "Diff report: ", "History report: ");
        assertThat(out.resolve("demo-watch.html")).isRegularFile();
        try (WatchStore store = WatchStore.open(out.resolve("watch.db"))) {
            Target target = store.targets().get(0);
            List<Capture> captures = store.captures(target.id());
            assertThat(captures).extracting(Capture::state).containsExactly(Capture.DONE);
            Capture done = captures.get(0);
            assertThat(done.holder()).contains("ListenerLeak.listeners");
            assertThat(done.report()).isRegularFile();
            // the dumps are deleted once compared
            assertThat(done.baselineDump()).satisfiesAnyOf(p -> assertThat(p).isNull(),
                    p -> assertThat(Files.exists(p)).isFalse());
        }
    }
}
