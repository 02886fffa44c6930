package dev.lipschitzw1.datasets.synthetic;

import static dev.lipschitzw1.datasets.synthetic.Vectors.distance;
import static dev.lipschitzw1.datasets.synthetic.Vectors.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class KnownW1PairsTest {
    private static final ImageShape SHAPE = new ImageShape(1, 6, 5);

    private static ImageSet randomBytes(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * SHAPE.values()];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        return new ByteImageSet("random", SHAPE, px);
    }

    /** Oracle: the coupling x ↦ x + v (cost ‖v‖ per image) and the linear critic ⟨v/‖v‖, ·⟩ (gain ‖v‖). */
    @Test
    void translation_couplingAndLinearCriticBothGiveNormV() {
        KnownW1Pair pair = TranslationPair.randomDirection(randomBytes(40, 1), 0.7, 11);
        ImageSet p = (ImageSet) pair.p();
        ImageSet q = (ImageSet) pair.q();
        double[] v = new double[SHAPE.values()];
        double[] p0 = p.imageAsDoubles(0);
        double[] q0 = q.imageAsDoubles(0);
        for (int j = 0; j < v.length; j++) {
            v[j] = q0[j] - p0[j];
        }
        double norm = Math.sqrt(dot(v, v));
        double coupling = 0;
        double critic = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] a = p.imageAsDoubles(i);
            double[] b = q.imageAsDoubles(i);
            double sq = 0;
            for (int j = 0; j < a.length; j++) {
                sq += (b[j] - a[j]) * (b[j] - a[j]);
                assertTrue(a[j] >= 0 && a[j] <= 1 && b[j] >= 0 && b[j] <= 1, "pixels stay in [0, 1]");
            }
            coupling += Math.sqrt(sq) / p.size();
            critic += (dot(v, b) - dot(v, a)) / norm / p.size();
        }
        assertEquals(0.7, pair.exactW1(), 1e-6, "declared W1 = |v|");
        assertEquals(pair.exactW1(), coupling, 1e-5, "transport cost of x -> x + v");
        assertEquals(pair.exactW1(), critic, 1e-5, "linear critic gain");
    }

    @Test
    void brightness_equalsCSqrtD_byPerImageDistance() {
        KnownW1Pair pair = BrightnessShiftPair.of(randomBytes(10, 2), 0.1);
        ImageSet p = (ImageSet) pair.p();
        ImageSet q = (ImageSet) pair.q();
        assertEquals(0.1 * Math.sqrt(SHAPE.values()), pair.exactW1(), 1e-6, "c·√d");
        for (int i = 0; i < p.size(); i++) {
            assertEquals(pair.exactW1(), distance(p.imageAsDoubles(i), q.imageAsDoubles(i)), 1e-5,
                    "distance of image " + i + " to its shifted copy");
        }
    }

    /** Oracle: the transport linear program solved by Commons Math's simplex on the atoms' distance matrix. */
    @Test
    void diracEquidistant_equalsTransportLinearProgram() {
        double[] a = {0.1, 0.2, 0.3, 0.4};
        double[] b = {0.4, 0.3, 0.2, 0.1};
        KnownW1Pair pair = DiracMixturePair.equidistant(SHAPE, a, b, 0.8);
        DiracMixture p = (DiracMixture) pair.p();
        int k = a.length;
        double[] cost = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cost[i * k + j] = distance(p.atom(i), p.atom(j));
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] row = new double[k * k];
            double[] col = new double[k * k];
            for (int j = 0; j < k; j++) {
                row[i * k + j] = 1;
                col[j * k + i] = 1;
            }
            constraints.add(new LinearConstraint(row, Relationship.EQ, a[i]));
            constraints.add(new LinearConstraint(col, Relationship.EQ, b[i]));
        }
        PointValuePair lp = new SimplexSolver().optimize(new MaxIter(10_000),
                new LinearObjectiveFunction(cost, 0), new LinearConstraintSet(constraints), GoalType.MINIMIZE,
                new NonNegativeConstraint(true));
        assertEquals(lp.getValue(), pair.exactW1(), 1e-9, "W1 of equidistant Dirac mixtures vs transport LP");
    }

    @Test
    void diracMixture_samplesFollowWeights() {
        KnownW1Pair pair = DiracMixturePair.equidistant(SHAPE, new double[] {0.25, 0.75}, new double[] {0.5, 0.5}, 1);
        INDArray s = pair.p().sample(4000, new SplittableRandom(3));
        double firstAtom = s.reshape(4000, SHAPE.values()).getColumn(0).sumNumber().doubleValue() / 4000;
        assertEquals(0.25, firstAtom, 0.03, "frequency of atom 0 (binomial sd 0.007)");
    }

    @Test
    void oneDimensional_uniformShiftAndStretchMatchClosedForms() {
        KnownW1Pair shift = OneDimensionalPair.of(SHAPE, new UniformRealDistribution(0, 1),
                new UniformRealDistribution(0.3, 1.3));
        assertEquals(0.3, shift.exactW1(), 1e-9, "uniform shift: W1 = shift");
        KnownW1Pair stretch = OneDimensionalPair.of(SHAPE, new UniformRealDistribution(0, 1),
                new UniformRealDistribution(0, 2));
        assertEquals(0.5, stretch.exactW1(), 1e-9, "U(0,1) vs U(0,2): ∫₀¹|u − 2u| du = 1/2");
    }

    /** Oracle: the quantile coupling of sorted samples (the optimal 1-D coupling) measured in pixel space. */
    @Test
    void oneDimensional_sortedSampleCouplingApproachesW1() {
        KnownW1Pair pair = OneDimensionalPair.of(SHAPE, new UniformRealDistribution(-1, 1),
                new UniformRealDistribution(0, 2.5));
        int n = 4000;
        double[] tp = lineCoordinates(pair.p().sample(n, new SplittableRandom(5)), n);
        double[] tq = lineCoordinates(pair.q().sample(n, new SplittableRandom(6)), n);
        java.util.Arrays.sort(tp);
        java.util.Arrays.sort(tq);
        double w = 0;
        for (int i = 0; i < n; i++) {
            w += Math.abs(tp[i] - tq[i]) / n;
        }
        assertEquals(pair.exactW1(), w, 0.05, "empirical sorted coupling (sampling error ~1/√n)");
    }

    @Test
    void translation_tooLargeVector_isRefusedWithKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TranslationPair.of(randomBytes(2, 1), filled(SHAPE.values(), 0.6f)));
        assertEquals("translation.max|v_i|", e.key());
    }

    private static double[] lineCoordinates(INDArray images, int n) {
        double[] t = new double[n];
        double sqrtD = Math.sqrt(SHAPE.values());
        INDArray flat = images.reshape(n, SHAPE.values());
        for (int i = 0; i < n; i++) {
            t[i] = (flat.getDouble(i, 0) - 0.5) * sqrtD;
        }
        return t;
    }

    private static float[] filled(int n, float x) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, x);
        return v;
    }
}
