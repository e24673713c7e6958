package se.postvakt.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading past a byte limit with a 413, for bodies sent without a Content-Length. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    /**
     * Over the limit. An {@link IOException}, not an {@link ApiException}: Jackson wraps runtime exceptions thrown
     * while it reads a record's property into a mapping error (a 400), but passes plain I/O failures through.
     */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body is larger than " + limit + " bytes");
        }
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }
}
