package dev.lipschitzw1.critic.certify;

import dev.lipschitzw1.errors.ShapeMismatchException;

/** Validated shape of an OIHW kernel [cout][cin][kh][kw] with finite entries (package-private). */
record KernelShape(int cout, int cin, int kh, int kw) {

    static KernelShape of(double[][][][] k) {
        if (k == null || k.length == 0 || k[0] == null || k[0].length == 0 || k[0][0] == null || k[0][0].length == 0
                || k[0][0][0] == null || k[0][0][0].length == 0) {
            throw new IllegalArgumentException("kernel must be a non-empty OIHW array [cout][cin][kh][kw]");
        }
        KernelShape s = new KernelShape(k.length, k[0].length, k[0][0].length, k[0][0][0].length);
        for (int o = 0; o < s.cout; o++) {
            if (k[o] == null || k[o].length != s.cin) {
                throw new ShapeMismatchException("kernel[" + o + "]", new int[] {s.cin}, new int[] {len(k[o])});
            }
            for (int c = 0; c < s.cin; c++) {
                if (k[o][c] == null || k[o][c].length != s.kh) {
                    throw new ShapeMismatchException("kernel[" + o + "][" + c + "]", new int[] {s.kh},
                            new int[] {len(k[o][c])});
                }
                for (double[] row : k[o][c]) {
                    if (row == null || row.length != s.kw) {
                        throw new ShapeMismatchException("kernel[" + o + "][" + c + "] row", new int[] {s.kw},
                                new int[] {row == null ? 0 : row.length});
                    }
                    for (double v : row) {
                        if (!Double.isFinite(v)) {
                            throw new IllegalArgumentException("kernel[" + o + "][" + c + "] has a non-finite entry " + v);
                        }
                    }
                }
            }
        }
        return s;
    }

    private static int len(Object[] a) {
        return a == null ? 0 : a.length;
    }

    @Override
    public String toString() {
        return cout + "×" + cin + "×" + kh + "×" + kw;
    }
}
