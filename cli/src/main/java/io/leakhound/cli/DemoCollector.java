package io.leakhound.cli;

/** The collectors {@code leakhound demo} can run the demo service with, and the JVM flag for each. */
enum DemoCollector {
    G1("-XX:+UseG1GC"),
    PARALLEL("-XX:+UseParallelGC"),
    SERIAL("-XX:+UseSerialGC"),
    ZGC("-XX:+UseZGC"),
    SHENANDOAH("-XX:+UseShenandoahGC");

    private final String jvmFlag;

    DemoCollector(String jvmFlag) {
        this.jvmFlag = jvmFlag;
    }

    String jvmFlag() {
        return jvmFlag;
    }
}
