package dev.lipschitzw1.critic.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.TestMatrices;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenseCertifierTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "1,50", "50,1", "7,7", "30,12", "12,30", "120,120"})
    void denseCertifier_matchesCommonsMathSvd(int m, int n) {
        double[][] w = TestMatrices.gaussian(new SplittableRandom(m * 7L + n), m, n);
        double sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(w)).getSingularValues()[0];
        SpectralNorm s = DenseCertifier.spectralNorm(w);
        assertTrue(s.bound() >= sigma, "certified bound " + s.bound() + " < SVD σ_max " + sigma);
        assertEquals(sigma, s.bound(), 1e-9 * sigma, "bound tight");
        assertEquals(sigma, s.value(), 1e-10 * sigma, "converged value");
    }

    @Test
    void denseCertifier_clusteredTopSingularValues_orthogonalMatrix() {
        double[][] q = new org.apache.commons.math3.linear.QRDecomposition(
                new Array2DRowRealMatrix(TestMatrices.gaussian(new SplittableRandom(5), 64, 64))).getQ().getData();
        SpectralNorm s = DenseCertifier.spectralNorm(q);
        assertTrue(s.bound() >= 1 && s.bound() <= 1 + 1e-9, "orthogonal matrix bound " + s.bound());
        assertEquals(1, s.value(), 1e-12, "orthogonal matrix value");
    }

    @Test
    void certificate_networkBoundIsProduct_worstLayerNamed() {
        Certificate c = new Certificate(List.of(
                LayerCertificate.exactlyOne("act", "activation", "MaxMin", "1-Lipschitz by construction"),
                new LayerCertificate("conv1", "conv", "4→4", 1.5, 1.5, "test"),
                new LayerCertificate("dense", "dense", "8→1", 0.5, 0.5, "test")));
        assertEquals(0.75, c.networkBound(), 1e-15, "product of bounds");
        assertTrue(c.networkBound() >= 0.75, "rounded upwards");
        assertEquals("conv1", c.worstLayer().name(), "worst layer");
    }
}
