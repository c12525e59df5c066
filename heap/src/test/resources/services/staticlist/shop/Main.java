package shop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class Main {
    static final class Registry {
        // the leak: every request's payload is remembered and never dropped
        static final List<byte[]> ENTRIES = Collections.synchronizedList(new ArrayList<>());
    }

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 2_000; i++) {
                Registry.ENTRIES.add(new byte[1_000]);
            }
        });
    }
}
