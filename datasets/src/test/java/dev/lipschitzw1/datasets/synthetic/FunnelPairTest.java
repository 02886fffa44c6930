package dev.lipschitzw1.datasets.synthetic;

import static dev.lipschitzw1.datasets.synthetic.Vectors.distance;
import static dev.lipschitzw1.datasets.synthetic.Vectors.dot;
import static dev.lipschitzw1.datasets.synthetic.Vectors.gaussianUnit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.json.JsonMappers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Funnel pairs checked against an independent evaluation of u (min_k ‖x − c_k‖ + b_k from the public apexes and
 * offsets, written again here) and against their two defining facts: u is 1-Lipschitz, and u falls by exactly
 * ‖x − T(x)‖ from every image to its moved copy. The exact-OT check is in the critic module (FunnelPairExactOtTest),
 * which holds the solver.
 */
class FunnelPairTest {
    private static final ImageSet MNIST = DataSources.bundledMnistTest();
    private static final ImageShape RGB = new ImageShape(3, 32, 32);

    /** Oracle: min_k ‖x − c_k‖ + b_k, with every apex read once through the public accessors. */
    private record Oracle(double[][] apexes, double[] offsets) {
        static Oracle of(FunnelPotential u) {
            double[][] apexes = new double[u.funnels()][];
            double[] offsets = new double[u.funnels()];
            for (int k = 0; k < apexes.length; k++) {
                apexes[k] = u.apex(k);
                offsets[k] = u.offset(k);
            }
            return new Oracle(apexes, offsets);
        }

        double u(double[] x) {
            return sorted(x)[0];
        }

        /** The funnel with the smallest value at x (the first of equal ones). */
        int active(double[] x) {
            int best = 0;
            for (int k = 1; k < apexes.length; k++) {
                if (distance(x, apexes[k]) + offsets[k] < distance(x, apexes[best]) + offsets[best]) {
                    best = k;
                }
            }
            return best;
        }

        /** The two smallest funnel values at x: {min, second}, to stay away from ties between funnels. */
        double[] sorted(double[] x) {
            double best = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            for (int k = 0; k < apexes.length; k++) {
                double f = distance(x, apexes[k]) + offsets[k];
                if (f < best) {
                    second = best;
                    best = f;
                } else if (f < second) {
                    second = f;
                }
            }
            return new double[] {best, second};
        }
    }

    /** (a) Oracle: the definition of 1-Lipschitz, on far, near and on-ray pairs of images and of arbitrary points. */
    @Test
    void potential_sampledLipschitzRatioAtMostOne_andAttainedOnRays() {
        FunnelPair pair = FunnelPair.of(MNIST.head(500), FunnelConfig.HARD);
        ImageSet p = (ImageSet) pair.pair().p();
        ImageSet q = (ImageSet) pair.pair().q();
        Oracle u = Oracle.of(pair.potential());
        SplittableRandom rng = new SplittableRandom(3);
        double maxFar = 0;
        double maxNearExcess = Double.NEGATIVE_INFINITY;
        for (int trial = 0; trial < 1500; trial++) {
            double[] x = (trial % 2 == 0 ? p : q).imageAsDoubles(rng.nextInt(p.size()));
            double[] y = (trial % 3 == 0 ? p : q).imageAsDoubles(rng.nextInt(p.size()));
            double[] near = x.clone();
            double step = new double[] {1e-3, 1e-1, 1, 5}[trial % 4];
            double[] g = gaussianUnit(x.length, rng);
            for (int j = 0; j < x.length; j++) {
                near[j] += step * g[j];
            }
            double dist = distance(x, y);
            if (dist > 0) {
                maxFar = Math.max(maxFar, Math.abs(u.u(x) - u.u(y)) / dist);
            }
            maxNearExcess = Math.max(maxNearExcess, Math.abs(u.u(x) - u.u(near)) - step);
        }
        assertTrue(maxFar <= 1 + 1e-12, "max |u(x) − u(y)| / |x − y| over image pairs: " + maxFar);
        // Near pairs: the ratio's rounding grows as 1/|x − y|, so the bound is checked absolutely (1e-12 ≫ d·ε·|u|).
        assertTrue(maxNearExcess <= 1e-12, "max |u(x) − u(x + s·g)| − s: " + maxNearExcess);
        double onRay = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] x = p.imageAsDoubles(i);
            double[] y = q.imageAsDoubles(i);
            double dist = distance(x, y);
            if (dist > 0.5) {
                onRay = Math.max(onRay, Math.abs(u.u(x) - u.u(y)) / dist);
            }
        }
        assertEquals(1, onRay, 1e-9, "the bound is attained between an image and its moved copy");
    }

    /** (a) Oracle: central differences of the independent u in double, h = 1e-5, away from ties between funnels. */
    @Test
    void potential_gradientMatchesCentralDifferences_andHasUnitNorm() {
        FunnelPair pair = FunnelPair.of(MNIST.head(300), FunnelConfig.HARD);
        FunnelPotential potential = pair.potential();
        Oracle u = Oracle.of(potential);
        SplittableRandom rng = new SplittableRandom(5);
        double h = 1e-5;
        int checked = 0;
        for (int i = 0; i < 300 && checked < 20; i += 7) {
            double[] x = ((ImageSet) (i % 2 == 0 ? pair.pair().p() : pair.pair().q())).imageAsDoubles(i);
            double[] two = u.sorted(x);
            if (two[1] - two[0] < 1e-3) {
                continue; // u has no gradient on a tie; a step of h must not cross one
            }
            checked++;
            double[] grad = potential.gradient(x);
            assertEquals(1, Math.sqrt(dot(grad, grad)), 1e-12, "|∇u| at image " + i);
            for (int c = 0; c < 24; c++) {
                int j = rng.nextInt(x.length);
                double[] e = new double[x.length];
                e[j] = 1;
                assertEquals(centralDifference(u, x, e, h), grad[j], 1e-7, "∂u/∂x_" + j + " at image " + i);
            }
            double[] g = gaussianUnit(x.length, rng);
            assertEquals(centralDifference(u, x, g, h), dot(grad, g), 1e-7, "directional derivative at image " + i);
        }
        assertTrue(checked >= 15, "images away from ties: " + checked);
    }

    /**
     * (b) Oracle: the independent u and the distance between the produced float images, for every image of the MNIST
     * test set and of 500 smooth 3×32×32 images. 1e-6: float rounding e of Q's pixels changes both sides by ⟨∇u, e⟩
     * to first order, which cancels; what is left is at most 2‖e‖ ≤ 2·2⁻²⁵·√d (1.7e-6 at d = 784), and in practice
     * ‖e⊥‖²/(2·|x − Tx|) (measured 6e-11 on MNIST, 2e-13 on smooth RGB).
     */
    @Test
    void transport_uDropsByDistanceMoved_everyImage() {
        for (FunnelPair pair : new FunnelPair[] {FunnelPair.of(MNIST, FunnelConfig.HARD),
            FunnelPair.of(SmoothRandomImages.generate(RGB, 500, 7), FunnelConfig.EASY)}) {
            ImageSet p = (ImageSet) pair.pair().p();
            ImageSet q = (ImageSet) pair.pair().q();
            Oracle u = Oracle.of(pair.potential());
            double worst = 0;
            for (int i = 0; i < p.size(); i++) {
                double[] x = p.imageAsDoubles(i);
                double[] y = q.imageAsDoubles(i);
                worst = Math.max(worst, Math.abs(u.u(x) - u.u(y) - distance(x, y)));
            }
            assertTrue(worst <= 1e-6, p.name() + ": max |u(x) − u(T x) − |x − T x|| = " + worst);
        }
    }

    /** Each image moves along −∇u(x), toward the apex of its active funnel: direction to 1e-4 where |x − Tx| ≥ 0.1. */
    @Test
    void transport_movesAlongMinusGradient() {
        FunnelPair pair = FunnelPair.of(MNIST.head(400), FunnelConfig.HARD);
        ImageSet p = (ImageSet) pair.pair().p();
        ImageSet q = (ImageSet) pair.pair().q();
        for (int i = 0; i < p.size(); i++) {
            double[] x = p.imageAsDoubles(i);
            double[] y = q.imageAsDoubles(i);
            double t = distance(x, y);
            if (t < 0.1) {
                continue;
            }
            double[] grad = pair.potential().gradient(x);
            double[] direction = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                direction[j] = (x[j] - y[j]) / t;
            }
            // float rounding of y moves the direction by at most 2⁻²⁵·√d / t ≈ 1e-5.
            assertEquals(0, distance(direction, grad), 1e-4, "(x − Tx)/|x − Tx| vs ∇u(x), image " + i);
        }
    }

    /** (c) Oracle: E_P u − E_Q u and the coupling cost, both recomputed here from the images and the independent u. */
    @Test
    void exactW1_equalsDualGainAndCouplingCost() {
        for (FunnelPair pair : new FunnelPair[] {FunnelPair.of(MNIST.head(2000), FunnelConfig.EASY),
            FunnelPair.of(MNIST.head(2000), FunnelConfig.HARD),
            FunnelPair.of(SmoothRandomImages.generate(RGB, 300, 11), FunnelConfig.HARD)}) {
            ImageSet p = (ImageSet) pair.pair().p();
            ImageSet q = (ImageSet) pair.pair().q();
            Oracle u = Oracle.of(pair.potential());
            double gain = 0;
            double cost = 0;
            for (int i = 0; i < p.size(); i++) {
                double[] x = p.imageAsDoubles(i);
                double[] y = q.imageAsDoubles(i);
                gain += (u.u(x) - u.u(y)) / p.size();
                cost += distance(x, y) / p.size();
            }
            String what = q.name();
            assertEquals(cost, pair.pair().exactW1(), 1e-12, "exactW1 vs coupling cost of " + what);
            assertEquals(gain, pair.pair().exactW1(), 1e-9, "exactW1 vs E_P u − E_Q u of " + what);
            assertEquals(cost - gain, pair.dualGap(), 1e-12, "dualGap of " + what);
            assertTrue(pair.dualGap() >= -1e-12 && pair.dualGap() <= 1e-9, "gap " + pair.dualGap() + " of " + what);
            assertTrue(pair.pair().exactW1() > 1, "a substantial distance: " + pair.pair().exactW1());
        }
    }

    /** The potential of a batch (as a critic is evaluated) equals the per-image value, to the last bit. */
    @Test
    void potential_batchValuesMatchPerImage() {
        FunnelPair pair = FunnelPair.of(MNIST.head(100), FunnelConfig.EASY);
        ImageSet q = (ImageSet) pair.pair().q();
        double[] batch = pair.potential().values(q.range(10, 30));
        for (int i = 0; i < batch.length; i++) {
            float[] x = new float[q.shape().values()];
            q.readImage(10 + i, x, 0);
            assertEquals(pair.potential().value(x), batch[i], 0.0, "u of image " + (10 + i));
        }
    }

    /** Q leaves no pixel outside [0, 1], P is the base set unchanged, and every funnel takes a share of the images. */
    @Test
    void pair_pixelsInUnitInterval_baseUnchanged_everyFunnelUsed() {
        FunnelPair pair = FunnelPair.of(MNIST.head(1000), FunnelConfig.HARD);
        ImageSet p = (ImageSet) pair.pair().p();
        ImageSet q = (ImageSet) pair.pair().q();
        int[] share = new int[FunnelConfig.HARD.funnels()];
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(MNIST.imageAsDoubles(i), p.imageAsDoubles(i), 0.0, "P image " + i);
            for (double v : q.imageAsDoubles(i)) {
                assertTrue(v >= 0 && v <= 1, "Q image " + i + " pixel " + v);
            }
            share[pair.potential().activeFunnel(p.imageAsDoubles(i))]++;
        }
        for (int k = 0; k < share.length; k++) {
            // Median-centred offsets: measured 2.4–9.4 % per funnel on all 10,000 images (6.25 % if equal).
            assertTrue(share[k] >= 10, "funnel " + k + " is active on " + share[k] + " of 1000 images");
        }
    }

    /**
     * The reason for these pairs: unlike a translation, no linear critic is optimal. The best linear critic gains
     * ‖E[x − Tx]‖ (its slope along the mean displacement), measured 75 % of W1 on MNIST and 20 % on smooth RGB (HARD).
     */
    @Test
    void hardPair_bestLinearCriticFallsShortOfW1() {
        double[] ratios = new double[2];
        ImageSet[] bases = {MNIST.head(2000), SmoothRandomImages.generate(RGB, 1000, 7)};
        for (int b = 0; b < bases.length; b++) {
            FunnelPair pair = FunnelPair.of(bases[b], FunnelConfig.HARD);
            ImageSet p = (ImageSet) pair.pair().p();
            ImageSet q = (ImageSet) pair.pair().q();
            double[] mean = new double[p.shape().values()];
            for (int i = 0; i < p.size(); i++) {
                double[] x = p.imageAsDoubles(i);
                double[] y = q.imageAsDoubles(i);
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += (x[j] - y[j]) / p.size();
                }
            }
            ratios[b] = Math.sqrt(dot(mean, mean)) / pair.pair().exactW1();
            assertEquals(ratios[b], pair.referenceGains().linearShare(), 1e-9, "FunnelReferenceGains.linear");
        }
        assertTrue(ratios[0] < 0.85, "best linear critic / W1 on MNIST: " + ratios[0]);
        assertTrue(ratios[1] < 0.35, "best linear critic / W1 on smooth 3×32×32: " + ratios[1]);
    }

    /**
     * Oracle: the reference gains by brute force in the plane. On 2-pixel "images" every unit slope is (cos θ, sin θ),
     * so the best linear critic's gain is the largest (1/n)·Σ⟨a(θ), x_i − T(x_i)⟩ over a grid of 200,000 angles, and
     * the per-funnel ceiling the sum over cells (from the independent oracle's argmin) of each cell's largest sum. The
     * grid misses a maximum by at most ‖S‖·(1 − cos(π / 200,000)) ≈ 1.2e-10·‖S‖.
     */
    @Test
    void referenceGains_equalTheBestSlopesFoundByGridSearch() {
        int n = 60;
        float[] pixels = new float[2 * n];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        FunnelPair pair = FunnelPair.of(new FloatImageSet("plane", new ImageShape(1, 1, 2),
                pixels), new FunnelConfig(3, 0.1, 0.5, 5));
        ImageSet p = (ImageSet) pair.pair().p();
        ImageSet q = (ImageSet) pair.pair().q();
        Oracle u = Oracle.of(pair.potential());
        double[][] d = new double[n][];
        int[] cell = new int[n];
        for (int i = 0; i < n; i++) {
            double[] x = p.imageAsDoubles(i);
            double[] y = q.imageAsDoubles(i);
            d[i] = new double[] {x[0] - y[0], x[1] - y[1]};
            cell[i] = u.active(x);
        }
        double bestLinear = Double.NEGATIVE_INFINITY;
        double[] bestCell = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int angles = 200_000;
        for (int t = 0; t < angles; t++) {
            double c = Math.cos(2 * Math.PI * t / angles);
            double s = Math.sin(2 * Math.PI * t / angles);
            double total = 0;
            double[] perCell = new double[3];
            for (int i = 0; i < n; i++) {
                double g = c * d[i][0] + s * d[i][1];
                total += g;
                perCell[cell[i]] += g;
            }
            bestLinear = Math.max(bestLinear, total / n);
            for (int k = 0; k < 3; k++) {
                bestCell[k] = Math.max(bestCell[k], perCell[k] / n);
            }
        }
        FunnelReferenceGains gains = pair.referenceGains();
        assertEquals(bestLinear, gains.linear(), 1e-9, "best linear critic");
        assertEquals(bestCell[0] + bestCell[1] + bestCell[2], gains.perFunnelAffine(), 1e-9, "per-funnel ceiling");
        assertTrue(gains.linear() < gains.perFunnelAffine() && gains.perFunnelAffine() < pair.pair().exactW1(),
                "linear < per-funnel < W1 here: " + gains);
    }

    /**
     * Why a critic needs more than one affine piece per funnel on MNIST: the ceiling of such critics stays clearly
     * below W1 (measured 89 % for EASY and 90 % for HARD on all 10,000 images; docs/datasets.md), above the best
     * linear critic.
     */
    @Test
    void mnistPairs_perFunnelAffineCeilingBelowW1() {
        for (FunnelConfig config : new FunnelConfig[] {FunnelConfig.EASY, FunnelConfig.HARD}) {
            FunnelReferenceGains g = FunnelPair.of(MNIST.head(3000), config).referenceGains();
            System.out.printf("funnel K=%d on 3000 MNIST images: linear %.4f, per-funnel affine %.4f of W1%n",
                    config.funnels(), g.linearShare(), g.perFunnelAffineShare());
            assertTrue(g.linearShare() + 0.05 < g.perFunnelAffineShare(), "per-funnel above linear: " + g);
            assertTrue(g.perFunnelAffineShare() < 0.95, "per-funnel ceiling below W1: " + g);
        }
    }

    @Test
    void sameConfig_sameImages_otherSeed_otherPair() {
        ImageSet base = MNIST.head(50);
        FunnelPair a = FunnelPair.of(base, FunnelConfig.EASY);
        FunnelPair b = FunnelPair.of(base, FunnelConfig.EASY);
        FunnelPair c = FunnelPair.of(base, FunnelConfig.EASY.withSeed(2));
        assertEquals(a.pair().exactW1(), b.pair().exactW1(), 0.0, "same seed, same W1");
        assertArrayEquals(((ImageSet) a.pair().q()).imageAsDoubles(7), ((ImageSet) b.pair().q()).imageAsDoubles(7),
                0.0, "same seed, same moved image");
        assertNotEquals(a.pair().exactW1(), c.pair().exactW1(), "another seed, another pair");
    }

    @Test
    void config_roundTripsThroughJson_andInvalidFractionsAreRefusedWithKey() throws Exception {
        ObjectMapper mapper = JsonMappers.create();
        FunnelConfig back = mapper.readValue(mapper.writeValueAsString(FunnelConfig.HARD), FunnelConfig.class);
        assertEquals(FunnelConfig.HARD, back, "JSON round trip");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new FunnelConfig(4, 0.3, 0.2, 1));
        assertEquals("funnel.maxFraction", e.key());
        assertEquals("funnel.minFraction", assertThrows(InvalidConfigException.class,
                () -> new FunnelConfig(4, -0.1, 0.2, 1)).key());
        assertEquals("funnel.funnels", assertThrows(InvalidConfigException.class,
                () -> new FunnelConfig(0, 0.1, 0.2, 1)).key());
    }

    /**
     * Oracle: the 2-D DFT of logit(x) = s + ½g_c + m_c, which by construction has no energy above |f| = 3 (up to the
     * float rounding of x: measured fraction &lt; 1e-14); plus determinism for a seed.
     */
    @Test
    void smoothRandomImages_logitIsBandLimited_dft_andSeeded() {
        ImageSet set = SmoothRandomImages.generate(RGB, 3, 21);
        assertArrayEquals(set.imageAsDoubles(2), SmoothRandomImages.generate(RGB, 3, 21).imageAsDoubles(2), 0.0,
                "same seed, same image");
        int n = RGB.height(); // square images: the DFT's angles are multiples of 2π/n, tabulated
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int m = 0; m < n; m++) {
            cos[m] = Math.cos(2 * Math.PI * m / n);
            sin[m] = Math.sin(2 * Math.PI * m / n);
        }
        int band = SmoothRandomImages.MAX_FREQUENCY;
        for (int i = 0; i < set.size(); i++) {
            double[] x = set.imageAsDoubles(i);
            for (int c = 0; c < RGB.channels(); c++) {
                double[] z = new double[n * n];
                for (int q = 0; q < z.length; q++) {
                    double v = x[c * n * n + q];
                    z[q] = Math.log(v / (1 - v));
                }
                double total = 0;
                double high = 0;
                for (int fy = 0; fy < n; fy++) {
                    for (int fx = 0; fx < n; fx++) {
                        double re = 0;
                        double im = 0;
                        for (int a = 0; a < n; a++) {
                            for (int b = 0; b < n; b++) {
                                int m = (fy * a + fx * b) % n;
                                re += z[a * n + b] * cos[m];
                                im -= z[a * n + b] * sin[m];
                            }
                        }
                        int sy = Math.min(fy, n - fy);
                        int sx = Math.min(fx, n - fx);
                        total += re * re + im * im;
                        if (sy * sy + sx * sx > band * band) {
                            high += re * re + im * im;
                        }
                    }
                }
                assertTrue(high / total < 1e-8, "energy above |f| = 3, image " + i + " channel " + c + ": "
                        + high / total);
            }
        }
    }

    private static double centralDifference(Oracle u, double[] x, double[] direction, double h) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int j = 0; j < x.length; j++) {
            plus[j] += h * direction[j];
            minus[j] -= h * direction[j];
        }
        return (u.u(plus) - u.u(minus)) / (2 * h);
    }
}
