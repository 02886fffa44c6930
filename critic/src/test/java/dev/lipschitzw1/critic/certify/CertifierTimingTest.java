package dev.lipschitzw1.critic.certify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.ReferenceConv;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Timing of certification at realistic sizes (printed, not asserted): {@code mvn -B -o test -Pslow -pl critic -am -Dtest=CertifierTimingTest}. */
@Tag("slow")
class CertifierTimingTest {

    @Test
    void certifierTiming_512channels4x4_and_64channels16x16() {
        time("512→512 k=3 on 4×4", 512, 4, Padding.CIRCULAR);
        time("512→512 k=3 on 4×4", 512, 4, Padding.ZERO);
        time("64→64 k=3 on 16×16", 64, 16, Padding.CIRCULAR);
        time("64→64 k=3 on 16×16", 64, 16, Padding.ZERO);
    }

    private static void time(String what, int c, int n, Padding padding) {
        double[][][][] k = ReferenceConv.randomKernel(new SplittableRandom(c), c, c, 3, 3);
        FftConvCertifier.spectralNorm(k, n, n, padding);
        long t0 = System.nanoTime();
        SpectralNorm s = FftConvCertifier.spectralNorm(k, n, n, padding);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("certify %s %s: bound %.12f value %.12f in %.2f s (warm)%n", what,
                padding.name().toLowerCase(java.util.Locale.ROOT), s.bound(), s.value(), seconds);
        assertTrue(s.bound() >= s.value(), "bound ≥ value");
    }
}
