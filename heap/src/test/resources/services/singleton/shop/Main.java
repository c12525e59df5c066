package shop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

public final class Main {
    static final class Session {
        final long id;
        final byte[] attributes = new byte[800];

        Session(long id) {
            this.id = id;
        }
    }

    enum Registry {
        INSTANCE;

        // the leak: sessions are registered on login and never removed on logout
        final Map<Long, Session> sessions = new ConcurrentHashMap<>();
        final AtomicLong next = new AtomicLong();

        void login() {
            long id = next.incrementAndGet();
            sessions.put(id, new Session(id));
        }
    }

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 2_000; i++) {
                Registry.INSTANCE.login();
            }
        });
    }
}
