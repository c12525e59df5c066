package shop;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

public final class Main {
    static final class Proxies {
        // the leak: a proxy class is generated per request and remembered
        static final List<Class<?>> GENERATED = new ArrayList<>();
    }

    static int request;

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 300; i++) {
                request++;
                Class<?> proxy = new ByteBuddy()
                        .subclass(Object.class)
                        .name("shop.generated.Proxy" + request)
                        .defineField("payload", byte[].class)
                        .method(ElementMatchers.named("toString")).intercept(FixedValue.value("proxy " + request))
                        .make()
                        .load(Main.class.getClassLoader())
                        .getLoaded();
                Proxies.GENERATED.add(proxy);
            }
        });
    }
}
