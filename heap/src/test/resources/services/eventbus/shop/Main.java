package shop;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

public final class Main {
    static final class Events {
        static final EventBus BUS = new EventBus("orders");
    }

    /** One per request; registered, never unregistered. */
    static final class OrderListener {
        final byte[] context = new byte[800];

        @Subscribe
        public void onOrder(String order) {
            context[0]++;
        }
    }

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 2_000; i++) {
                Events.BUS.register(new OrderListener());
            }
            Events.BUS.post("order");
        });
    }
}
