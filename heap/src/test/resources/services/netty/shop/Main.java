package shop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

public final class Main {
    static final class Connections {
        // the leak: each request's buffer is kept and never released
        static final List<ByteBuf> PENDING = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        Service.run(() -> {
            for (int i = 0; i < 20_000; i++) {
                ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                buffer.writeLong(i);
                Connections.PENDING.add(buffer);
            }
        });
    }
}
