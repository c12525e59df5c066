package shop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

public final class Main {
    static final class Prices {
        // the leak: a cache with neither maximumSize nor expiry, keyed by request id
        static final Cache<Long, byte[]> CACHE = Caffeine.newBuilder().build();
        static final AtomicLong REQUESTS = new AtomicLong();
    }

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 2_000; i++) {
                Prices.CACHE.put(Prices.REQUESTS.incrementAndGet(), new byte[1_000]);
            }
        });
    }
}
