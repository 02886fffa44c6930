package dev.lipschitzw1.critic.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ResidualCertifierTest {

    /**
     * Closed form: a 1×1 conv a on a 1×1 map is the scalar map y = x − 2a·ReLU(ax + b)/t, with slopes 1 (ReLU off) and
     * 1 − 2a²/t (on), so Lip = max(1, |1 − 2a²/t|) = max(1, 2ρ² − 1), ρ² = a²/t: the certificate is exact.
     */
    @Test
    void scalarResidual_certificateIsTheExactLipschitzConstant_conditionMetAndViolated() {
        double[][] cases = {{1.0, 2.0}, {1.0, 1.0}, {1.0, 0.5}, {0.7, 0.2}, {2.0, 1.0}};
        for (double[] c : cases) {
            double a = c[0];
            double t = c[1];
            LayerCertificate cert = ResidualCertifier.certify("r", new double[][][][] {{{{a}}}}, new double[] {t}, 1,
                    1, Padding.CIRCULAR);
            double exact = Math.max(1, Math.abs(1 - 2 * a * a / t));
            assertEquals(exact, cert.value(), 1e-12, "a=" + a + " t=" + t);
            assertEquals(exact, cert.bound(), 1e-9 * exact, "a=" + a + " t=" + t + " bound");
        }
    }

    @Test
    void nonPositiveT_refusedNamingTheEntry() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ResidualCertifier.certify("r",
                new double[][][][] {{{{1}}}, {{{1}}}}, new double[] {1, 0}, 1, 1, Padding.CIRCULAR));
        assertEquals(true, e.getMessage().contains("r.t[1]"), e.getMessage());
    }
}
