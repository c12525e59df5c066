package io.leakhound.fleet;

import java.util.Map;

/** An instance as Prometheus tells it: its {@code job} and {@code instance} labels. */
public record InstanceKey(String job, String instance) implements Comparable<InstanceKey> {

    static InstanceKey of(Map<String, String> labels) {
        return new InstanceKey(labels.getOrDefault("job", ""), labels.getOrDefault("instance", ""));
    }

    @Override
    public int compareTo(InstanceKey o) {
        int c = job.compareTo(o.job);
        return c != 0 ? c : instance.compareTo(o.instance);
    }

    @Override
    public String toString() {
        return job + "/" + instance;
    }
}
