package io.leakhound.bench;

import com.tagtraum.perf.gcviewer.imp.DataReaderFacade;
import com.tagtraum.perf.gcviewer.model.GCModel;
import com.tagtraum.perf.gcviewer.model.GcResourceFile;
import java.nio.file.Path;
import java.util.Locale;

/** GCViewer 1.36: load the model (its parser) and read the summary figures its UI shows. */
public final class GcViewerRun {
    private GcViewerRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        GCModel model = new DataReaderFacade().loadModel(new GcResourceFile(file.toFile()));
        double pause = model.getPause().getSum();
        int afterFull = model.getFootprintAfterFullGC().getN();
        long nanos = System.nanoTime() - start;
        new RunResult("gcviewer-1.36", file, model.size(), nanos,
                String.format(Locale.ROOT, "pauseSum=%.3fs footprintAfterFullN=%d", pause, afterFull)).print();
    }
}
