package io.leakhound.series.gclog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns bare {@code \r} line ends into {@code \n}, so the line feed has one kind of line end to find. */
final class CarriageReturnsAsNewlines extends FilterInputStream {
    CarriageReturnsAsNewlines(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        return c == '\r' ? '\n' : c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        for (int i = off; i < off + n; i++) {
            if (b[i] == '\r') {
                b[i] = '\n';
            }
        }
        return n;
    }
}
