package io.logship.net;

import io.logship.api.Event;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link DelimitedInputType} extension on a connection (xm_gelf's GELF over TCP: NUL-terminated JSON): records end
 * with the type's delimiter byte and each record's bytes go to {@link DelimitedInputType#record}. A record the type
 * rejects is counted and warned about (once per burst, naming the peer) and the connection goes on; a record longer
 * than the limit is cut into pieces, each handed to the type. Empty records (two delimiters in a row) are skipped.
 */
final class DelimitedFramingDecoder implements TcpInputDecoder {
    private final DelimitedInputType type;
    private final byte delimiter;
    private final int max;
    private final String peer;
    private final TcpInputStats stats;
    private final FramingBudget budget;
    private byte[] carry = new byte[0];
    private int carryLen;

    DelimitedFramingDecoder(DelimitedInputType type, int max, String peer, TcpInputStats stats) {
        this(type, max, peer, stats, FramingBudget.unlimited());
    }

    DelimitedFramingDecoder(DelimitedInputType type, int max, String peer, TcpInputStats stats,
                            FramingBudget budget) {
        this.budget = budget;
        this.type = type;
        this.delimiter = type.delimiter();
        this.max = max;
        this.peer = peer;
        this.stats = stats;
    }

    @Override
    public void decode(ByteBuffer in, Records out) {
        byte[] b = in.array();
        int from = in.arrayOffset() + in.position();
        int to = in.arrayOffset() + in.limit();
        in.position(in.limit());
        int start = from;
        for (int i = from; i < to; i++) {
            if (b[i] == delimiter) {
                if (carryLen == 0) {
                    record(b, start, i, out);
                } else {
                    append(b, start, i, out);
                    record(carry, 0, carryLen, out);
                    carryLen = 0;
                }
                start = i + 1;
            }
        }
        append(b, start, to, out);
    }

    private void append(byte[] b, int from, int to, Records out) {
        while (from < to) {
            if (carryLen == max) {
                stats.split(peer, max);
                record(carry, 0, carryLen, out);
                carryLen = 0;
            }
            int n = Math.min(to - from, max - carryLen);
            if (carryLen + n > carry.length) {
                int size = Math.min(max, Math.max(carryLen + n, Math.max(256, carry.length * 2)));
                if (!budget.reserve(size - carry.length)) {
                    size = carryLen + n;
                    if (!budget.reserve(size - carry.length)) {
                        // the input's budget for incomplete records is spent: hand over what there is
                        stats.overBudget(peer, budget.limit());
                        record(carry, 0, carryLen, out);
                        carryLen = 0;
                        record(b, from, from + n, out);
                        from += n;
                        continue;
                    }
                }
                carry = Arrays.copyOf(carry, size);
            }
            System.arraycopy(b, from, carry, carryLen, n);
            carryLen += n;
            from += n;
        }
    }

    private void record(byte[] b, int from, int to, Records out) {
        if (to <= from) {
            return;
        }
        try {
            Event e = type.record(b, from, to - from, peer);
            if (e != null) {
                out.add(e);
            }
        } catch (IllegalArgumentException e) {
            stats.rejected(peer, e.getMessage());
        }
    }

    @Override
    public void end(Records out) {
        record(carry, 0, carryLen, out);
        carryLen = 0;
    }

    @Override
    public void release() {
        budget.release(carry.length);
        carry = new byte[0];
        carryLen = 0;
    }

    @Override
    public boolean partial() {
        return carryLen > 0;
    }
}
