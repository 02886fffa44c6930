package dev.lipschitzw1.critic.ot;

import java.util.Arrays;

import dev.lipschitzw1.errors.W1Exception;

/**
 * The primal network simplex on the complete bipartite transportation network, in double (the engine behind
 * {@link NetworkSimplexTransport}). Nodes: sources 0…n−1 with supply a_i &gt; 0, targets n…n+m−1 with demand
 * b_j &gt; 0 (Σa = Σb), and an artificial root n+m. Arcs: i → n+j with cost C_ij (arc id i·m + j, uncapacitated),
 * plus one artificial arc per node (source → root at cost 0, root → target at cost M = (max C + 1)·(n + m)), which
 * form the initial basis and never re-enter it.
 * <p>The basis is a spanning tree stored as parent / child / sibling links with depths; potentials π satisfy
 * c_e + π_s − π_t = 0 on tree arcs. A pivot: choose an entering arc of reduced cost
 * <pre>  c̄_st = C_st + π_s − π_t &lt; −ε·max(|C_st|, |π_s|, |π_t|),   ε = {@value #PRICING_EPS}  </pre>
 * by block search (blocks of ⌈√(n·m)⌉ arcs, the most negative in the first block that has one; Grigoriadis 1986,
 * as in LEMON and POT); find the cycle through the join (deepest common ancestor); the leaving arc is the
 * <em>last</em> blocking arc along the cycle's orientation from the join (Cunningham 1976: it keeps the tree strongly
 * feasible, so degenerate pivots cannot cycle); push δ around the cycle; re-hang the cut subtree from the entering
 * arc and shift its potentials by ±c̄. Every n + m pivots, and before declaring optimality, potentials are recomputed
 * from the tree (removing drift) and shifted so the real nodes' potentials stay small. Cost per pivot: the block
 * scanned plus O(cycle + moved subtree).
 */
final class TransportSimplex {
    /** Relative tolerance on reduced costs: about 450 ulps of the largest term, above rounding, far below costs. */
    static final double PRICING_EPS = 1e-13;
    /** Largest imbalance (relative to Σa) allowed on artificial arcs at the end; anything more is a bug. */
    static final double ARTIFICIAL_FLOW_TOLERANCE = 1e-9;

    private final double[] c;
    private final int n;
    private final int m;
    private final int root;
    private final int arcs;
    private final double artificialCost;
    private final double totalSupply;

    private final int[] parent;
    private final int[] predArc;
    private final boolean[] up;
    private final double[] flow;
    private final double[] pi;
    private final int[] depth;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] previousSibling;
    private final boolean[] inTree;

    private final int blockSize;
    private int nextArc;
    private long pivots;

    TransportSimplex(double[] c, int n, int m, double[] supply, double[] demand, double maxCost) {
        this.c = c;
        this.n = n;
        this.m = m;
        this.root = n + m;
        this.arcs = n * m;
        this.artificialCost = (maxCost + 1) * (n + m);
        int nodes = n + m + 1;
        parent = new int[nodes];
        predArc = new int[nodes];
        up = new boolean[nodes];
        flow = new double[nodes];
        pi = new double[nodes];
        depth = new int[nodes];
        firstChild = new int[nodes];
        nextSibling = new int[nodes];
        previousSibling = new int[nodes];
        inTree = new boolean[arcs];
        blockSize = (int) Math.max(10, Math.ceil(Math.sqrt((double) arcs)));
        double total = 0;
        for (int u = 0; u < n + m; u++) {
            boolean source = u < n;
            parent[u] = root;
            predArc[u] = arcs + u;
            up[u] = source;
            flow[u] = source ? supply[u] : demand[u - n];
            pi[u] = source ? 0 : artificialCost;
            depth[u] = 1;
            firstChild[u] = -1;
            nextSibling[u] = u + 1 < n + m ? u + 1 : -1;
            previousSibling[u] = u - 1;
            total += source ? supply[u] : 0;
        }
        parent[root] = -1;
        predArc[root] = -1;
        firstChild[root] = 0;
        nextSibling[root] = -1;
        previousSibling[root] = -1;
        totalSupply = total;
    }

    /**
     * Pivots until no arc prices out, or throws after {@code maxPivots}.
     * @throws W1Exception if the pivot limit is reached (a numerical failure: report the inputs)
     */
    void run(long maxPivots) {
        int refreshInterval = n + m;
        while (true) {
            int entering = findEntering();
            if (entering < 0) {
                refreshPotentials();
                entering = findEntering();
                if (entering < 0) {
                    return;
                }
            }
            pivot(entering);
            pivots++;
            if (pivots % refreshInterval == 0) {
                refreshPotentials();
            }
            if (pivots >= maxPivots) {
                throw new W1Exception("network simplex: no optimum after " + pivots + " pivots on a " + n + "×" + m
                        + " problem; the costs or weights may be badly scaled (rescale them to O(1))");
            }
        }
    }

    long pivots() {
        return pivots;
    }

    /**
     * The target potentials π_{n+j} of the final tree (j &lt; m): with the source potentials they satisfy
     * C_ij + π_i − π_{n+j} ≥ 0 for every arc, with equality on the tree, so ψ_j = π_{n+j} and φ_i = −π_i are an
     * optimal solution of the dual LP  max Σ a_i φ_i + Σ b_j ψ_j  s.t.  φ_i + ψ_j ≤ C_ij.
     */
    double[] targetPotentials() {
        return Arrays.copyOfRange(pi, n, n + m);
    }

    /** Visits the nonzero real-arc flows of the final tree as (source, target, mass); returns Σ mass·C. */
    double collect(FlowVisitor visitor) {
        CompensatedSum cost = new CompensatedSum();
        double artificial = 0;
        for (int u = 0; u < n + m; u++) {
            int e = predArc[u];
            if (e >= arcs) {
                artificial += flow[u];
            } else if (flow[u] > 0) {
                visitor.visit(e / m, e % m, flow[u]);
                cost.add(flow[u] * c[e]);
            }
        }
        if (!(artificial <= ARTIFICIAL_FLOW_TOLERANCE * totalSupply)) {
            throw new W1Exception("network simplex: " + artificial + " of " + totalSupply
                    + " mass left on artificial arcs (expected 0 for balanced weights)");
        }
        return cost.value();
    }

    /** Receives one nonzero entry of the plan. */
    interface FlowVisitor {
        void visit(int source, int target, double mass);
    }

    /** Block search: the most negative reduced cost within the first block (from {@code nextArc}) that has one. */
    private int findEntering() {
        double min = 0;
        int best = -1;
        int inBlock = 0;
        int i = nextArc / m;
        int j = nextArc - i * m;
        for (long seen = 0; seen < arcs; ) {
            int len = (int) Math.min(Math.min(m - j, blockSize - inBlock), arcs - seen);
            int base = i * m;
            double piSource = pi[i];
            for (int jj = j, end = j + len; jj < end; jj++) {
                double reduced = c[base + jj] + piSource - pi[n + jj];
                if (reduced < min && !inTree[base + jj]) {
                    min = reduced;
                    best = base + jj;
                }
            }
            seen += len;
            inBlock += len;
            j += len;
            if (j == m) {
                j = 0;
                i = i + 1 == n ? 0 : i + 1;
            }
            if (inBlock == blockSize || seen == arcs) {
                inBlock = 0;
                if (best >= 0 && min < -tolerance(best)) {
                    nextArc = i * m + j;
                    return best;
                }
            }
        }
        return -1;
    }

    private double tolerance(int e) {
        int s = e / m;
        int t = n + e % m;
        return PRICING_EPS * Math.max(Math.abs(c[e]), Math.max(Math.abs(pi[s]), Math.abs(pi[t])));
    }

    private void pivot(int entering) {
        int s = entering / m;
        int t = n + entering % m;
        double reduced = c[entering] + pi[s] - pi[t];
        int join = join(s, t);
        // Orientation s → t → … → join → … → s. Backward tree arcs limit δ; ties go to the last one from the join.
        double delta = Double.POSITIVE_INFINITY;
        int out = -1;
        boolean outOnSourceSide = false;
        for (int u = s; u != join; u = parent[u]) {
            if (up[u] && flow[u] < delta) {
                delta = flow[u];
                out = u;
                outOnSourceSide = true;
            }
        }
        for (int u = t; u != join; u = parent[u]) {
            if (!up[u] && flow[u] <= delta) {
                delta = flow[u];
                out = u;
                outOnSourceSide = false;
            }
        }
        if (delta > 0) {
            for (int u = s; u != join; u = parent[u]) {
                flow[u] += up[u] ? -delta : delta;
            }
            for (int u = t; u != join; u = parent[u]) {
                flow[u] += up[u] ? delta : -delta;
            }
        }
        int leaving = predArc[out];
        int uIn = outOnSourceSide ? s : t;
        int vIn = outOnSourceSide ? t : s;
        rehang(uIn, vIn, out, entering, outOnSourceSide, delta);
        depth[uIn] = depth[vIn] + 1;
        shiftSubtree(uIn, outOnSourceSide ? -reduced : reduced);
        inTree[entering] = true;
        if (leaving < arcs) {
            inTree[leaving] = false;
        }
    }

    /** The deepest common ancestor of a and b. */
    private int join(int a, int b) {
        while (a != b) {
            if (depth[a] > depth[b]) {
                a = parent[a];
            } else if (depth[b] > depth[a]) {
                b = parent[b];
            } else {
                a = parent[a];
                b = parent[b];
            }
        }
        return a;
    }

    /**
     * Cuts the tree arc above {@code out}, re-roots the cut subtree at {@code uIn} by reversing the stem
     * uIn → … → out, and hangs it from {@code vIn} through the entering arc (flow {@code inFlow}).
     */
    private void rehang(int uIn, int vIn, int out, int inArc, boolean inUp, double inFlow) {
        int newParent = vIn;
        int arc = inArc;
        boolean arcUp = inUp;
        double arcFlow = inFlow;
        int w = uIn;
        while (true) {
            int oldParent = parent[w];
            int oldArc = predArc[w];
            boolean oldUp = up[w];
            double oldFlow = flow[w];
            detach(w);
            parent[w] = newParent;
            predArc[w] = arc;
            up[w] = arcUp;
            flow[w] = arcFlow;
            attach(w, newParent);
            if (w == out) {
                return;
            }
            newParent = w;
            arc = oldArc;
            arcUp = !oldUp;
            arcFlow = oldFlow;
            w = oldParent;
        }
    }

    private void detach(int w) {
        int before = previousSibling[w];
        int after = nextSibling[w];
        if (before >= 0) {
            nextSibling[before] = after;
        } else {
            firstChild[parent[w]] = after;
        }
        if (after >= 0) {
            previousSibling[after] = before;
        }
    }

    private void attach(int w, int p) {
        int first = firstChild[p];
        nextSibling[w] = first;
        previousSibling[w] = -1;
        if (first >= 0) {
            previousSibling[first] = w;
        }
        firstChild[p] = w;
    }

    /** Adds sigma to π and sets depth = depth(parent) + 1 below {@code top} (depth[top] must be set). */
    private void shiftSubtree(int top, double sigma) {
        pi[top] += sigma;
        int u = firstChild[top];
        while (u >= 0) {
            depth[u] = depth[parent[u]] + 1;
            pi[u] += sigma;
            if (firstChild[u] >= 0) {
                u = firstChild[u];
                continue;
            }
            while (nextSibling[u] < 0) {
                u = parent[u];
                if (u == top) {
                    return;
                }
            }
            u = nextSibling[u];
        }
    }

    /** π from scratch along the tree (π_root = 0), then every real node shifted by −π_0 to keep them small. */
    private void refreshPotentials() {
        pi[root] = 0;
        depth[root] = 0;
        int u = firstChild[root];
        while (u >= 0) {
            int p = parent[u];
            double cost = arcCost(predArc[u]);
            pi[u] = up[u] ? pi[p] - cost : pi[p] + cost;
            depth[u] = depth[p] + 1;
            if (firstChild[u] >= 0) {
                u = firstChild[u];
                continue;
            }
            while (u >= 0 && nextSibling[u] < 0) {
                u = parent[u] == root ? -1 : parent[u];
            }
            if (u >= 0) {
                u = nextSibling[u];
            }
        }
        double offset = pi[0];
        for (int w = 0; w < n + m; w++) {
            pi[w] -= offset;
        }
    }

    private double arcCost(int e) {
        if (e < arcs) {
            return c[e];
        }
        return e - arcs < n ? 0 : artificialCost;
    }
}
