package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Circular (periodic) padding of NCHW maps, built from slices and concatenation (SameDiff has no circular pad mode;
 * {@code gather} is avoided because its gradient uses a fixed internal name and breaks with two gathers in a graph):
 * <pre>  y[n, c, i, j] = x[n, c, (i − top) mod H, (j − left) mod W],   i ∈ [0, H + top + bottom), j ∈ [0, W + left + right)  </pre>
 * Differentiable (the adjoint sums the copies back). Padding wider than the map wraps several times. Not a
 * {@link LipschitzLayer} on its own: duplicating pixels raises norms (L = √(m_h·m_w), m the largest number of copies of
 * a row/column); inside a circular convolution it is part of an operator that the certifier handles exactly.
 */
public final class CircularPad {

    private CircularPad() {
    }

    /**
     * Pads the two spatial axes of {@code x} ({@code [N, C, H, W]}, H and W as given) circularly.
     *
     * @throws InvalidConfigException if a size is not positive or a padding is negative
     */
    public static SDVariable apply(SameDiff sd, SDVariable x, int height, int width, int top, int bottom, int left,
                                   int right) {
        InvalidConfigException.require(height >= 1 && width >= 1, "circularPad.size", height + "×" + width, "≥ 1×1");
        InvalidConfigException.require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, "circularPad.padding",
                top + "," + bottom + "," + left + "," + right, "non-negative");
        SDVariable rows = padAxis(sd, x, 2, height, top, bottom);
        return padAxis(sd, rows, 3, width, left, right);
    }

    /**
     * The adjoint of {@link #apply}: maps a padded [N, C, H + top + bottom, W + left + right] array back to
     * [N, C, H, W] by adding every copy to the pixel it was copied from,
     * <pre>  g[n, c, i, j] = Σ u[n, c, i', j']  over  (i' − top) mod H = i,  (j' − left) mod W = j  </pre>
     * built from slices, zero pads and sums (differentiable once).
     *
     * @throws InvalidConfigException if a size is not positive or a padding is negative
     */
    public static SDVariable adjoint(SameDiff sd, SDVariable u, int height, int width, int top, int bottom, int left,
                                     int right) {
        InvalidConfigException.require(height >= 1 && width >= 1, "circularPad.size", height + "×" + width, "≥ 1×1");
        InvalidConfigException.require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, "circularPad.padding",
                top + "," + bottom + "," + left + "," + right, "non-negative");
        SDVariable rows = foldAxis(sd, u, 2, height, top, bottom);
        return foldAxis(sd, rows, 3, width, left, right);
    }

    /** Adjoint of {@link #padAxis}: the same segments, each added back at its source offset. */
    private static SDVariable foldAxis(SameDiff sd, SDVariable u, int axis, int n, int before, int after) {
        if (before == 0 && after == 0) {
            return u;
        }
        SDVariable sum = null;
        int i = -before;
        while (i < n + after) {
            int start = Math.floorMod(i, n);
            int len = Math.min(n - start, n + after - i);
            SDVariable part = slice(u, axis, i + before, i + before + len);
            if (len < n) {
                int[][] pads = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
                pads[axis] = new int[] {start, n - start - len};
                part = sd.nn().pad(part, sd.constant(Nd4j.createFromArray(pads)), PadMode.CONSTANT, 0.0);
            }
            sum = sum == null ? part : sum.add(part);
            i += len;
        }
        return sum;
    }

    private static SDVariable padAxis(SameDiff sd, SDVariable x, int axis, int n, int before, int after) {
        if (before == 0 && after == 0) {
            return x;
        }
        List<SDVariable> parts = new ArrayList<>();
        int i = -before;
        while (i < n + after) {
            int start = Math.floorMod(i, n);
            int len = Math.min(n - start, n + after - i);
            parts.add(start == 0 && len == n ? x : slice(x, axis, start, start + len));
            i += len;
        }
        return parts.size() == 1 ? parts.get(0) : sd.concat(axis, parts.toArray(new SDVariable[0]));
    }

    private static SDVariable slice(SDVariable x, int axis, int from, int to) {
        SDIndex[] idx = {SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.all()};
        idx[axis] = SDIndex.interval(from, to);
        return x.get(idx);
    }
}
