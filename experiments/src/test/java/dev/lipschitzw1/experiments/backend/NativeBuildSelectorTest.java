package dev.lipschitzw1.experiments.backend;

import static dev.lipschitzw1.experiments.backend.NativeBuildSelector.GENERIC;
import static dev.lipschitzw1.experiments.backend.NativeBuildSelector.ONEDNN;
import static dev.lipschitzw1.experiments.backend.NativeBuildSelector.ONEDNN_AVX2;
import static dev.lipschitzw1.experiments.backend.NativeBuildSelector.ONEDNN_AVX512;
import static dev.lipschitzw1.experiments.backend.NativeBuildSelector.choose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.experiments.backend.NativeBuildSelector.Choice;
import dev.lipschitzw1.experiments.backend.NativeBuildSelector.Source;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The pure decision: CPU flags → build, user overrides, fallbacks. No ND4J. */
class NativeBuildSelectorTest {

    /** A Skylake-SP / Zen 4 flags line (abridged) and older CPUs'. */
    static final String AVX512_CPUINFO = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt avx f16c bmi1 avx2 bmi2 avx512f "
            + "avx512dq avx512cd avx512bw avx512vl\nbogomips\t: 4000.00\n\nprocessor\t: 1\nflags\t\t: fpu\n";
    static final Set<String> AVX512 = NativeBuildSelector.parseCpuFlags(AVX512_CPUINFO);
    static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma", "bmi1", "bmi2", "f16c");
    static final Set<String> SSE = Set.of("sse", "sse2", "ssse3", "sse4_1", "sse4_2", "popcnt");

    /** What the runner jar bundles by default. */
    static final Predicate<String> JAR = Set.of(GENERIC, ONEDNN_AVX2, ONEDNN_AVX512)::contains;

    @Test
    void parseCpuFlags_firstFlagsLine_nullWithout() {
        assertTrue(AVX512.containsAll(List.of("avx512f", "avx512bw", "avx2", "fma")), AVX512.toString());
        assertFalse(AVX512.contains("flags"), "the key is not a flag");
        String arm = "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32\n";
        assertNull(NativeBuildSelector.parseCpuFlags(arm));
        assertNull(NativeBuildSelector.parseCpuFlags(""));
        assertNull(NativeBuildSelector.parseCpuFlags(null));
    }

    @Test
    void cpu_fastestBundledBuildItSupports() {
        assertEquals(ONEDNN_AVX512, choose(null, null, "amd64", AVX512, JAR).extension());
        assertEquals(ONEDNN_AVX2, choose(null, null, "amd64", AVX2, JAR).extension());
        assertEquals(GENERIC, choose(null, null, "amd64", SSE, JAR).extension(), "-onednn not bundled");
        assertEquals(ONEDNN, choose(null, null, "amd64", SSE, Set.of(GENERIC, ONEDNN)::contains).extension(),
                "the baseline oneDNN build runs on any x86-64");
        Choice c = choose(null, null, "x86_64", AVX512, JAR);
        assertEquals(Source.CPU, c.source());
        assertTrue(c.warnings().isEmpty());
        assertEquals("linux-x86_64-onednn-avx512", c.build("linux-x86_64"));
    }

    @Test
    void cpu_partialAvx512_orPartialAvx2_stepsDown() {
        Set<String> noVl = new java.util.HashSet<>(AVX512);
        noVl.remove("avx512vl");
        assertEquals(ONEDNN_AVX2, choose(null, null, "amd64", noVl, JAR).extension());
        Set<String> noFma = Set.of("avx", "avx2", "bmi2", "f16c");
        assertEquals(GENERIC, choose(null, null, "amd64", noFma, JAR).extension());
    }

    @Test
    void cpu_buildNotBundled_nextOneDown() {
        assertEquals(ONEDNN_AVX2, choose(null, null, "amd64", AVX512, Set.of(GENERIC, ONEDNN_AVX2)::contains)
                .extension());
        assertEquals(GENERIC, choose(null, null, "amd64", AVX512, Set.of(GENERIC)::contains).extension());
    }

    @Test
    void unknownCpuOrArm_generic() {
        assertEquals(GENERIC, choose(null, null, "amd64", null, JAR).extension(), "flags unreadable");
        assertEquals(GENERIC, choose(null, null, "aarch64", AVX512, JAR).extension(), "not x86-64");
        assertEquals(GENERIC, choose(null, null, "aarch64", null, JAR).extension());
    }

    @Test
    void property_alwaysWins_evenEmpty() {
        Choice generic = choose("", "onednn-avx512", "amd64", AVX512, JAR);
        assertEquals(GENERIC, generic.extension());
        assertEquals(Source.PROPERTY, generic.source());
        assertTrue(generic.warnings().isEmpty());
        assertEquals(ONEDNN_AVX2, choose("-onednn-avx2", "generic", "amd64", AVX512, JAR).extension());
        assertEquals(ONEDNN_AVX2, choose(" -onednn-avx2 ", null, "amd64", AVX512, JAR).extension(), "trimmed");
    }

    @Test
    void environment_winsOverCpu() {
        Choice c = choose(null, "generic", "amd64", AVX512, JAR);
        assertEquals(GENERIC, c.extension());
        assertEquals(Source.ENVIRONMENT, c.source());
        assertEquals(ONEDNN_AVX2, choose(null, "onednn-avx2", "amd64", AVX512, JAR).extension());
        assertEquals(ONEDNN_AVX2, choose(null, "-onednn-avx2", "amd64", AVX512, JAR).extension(), "leading dash ok");
        assertEquals(ONEDNN_AVX512, choose(null, "ONEDNN-AVX512", "amd64", AVX512, JAR).extension());
        assertEquals(ONEDNN_AVX512, choose(null, "auto", "amd64", AVX512, JAR).extension(), "auto = unset");
        assertEquals(ONEDNN_AVX512, choose(null, " ", "amd64", AVX512, JAR).extension(), "blank = unset");
    }

    @Test
    void requestedButNotBundled_genericWithWarning() {
        Choice bogus = choose("-bogus", null, "amd64", AVX512, JAR);
        assertEquals(GENERIC, bogus.extension());
        assertEquals(1, bogus.warnings().size());
        assertTrue(bogus.warnings().get(0).contains("'-bogus'") && bogus.warnings().get(0).contains("generic"),
                bogus.warnings().toString());
        Choice onednn = choose(null, "onednn", "amd64", AVX512, JAR);
        assertEquals(GENERIC, onednn.extension(), "-onednn is not in the default jar");
        assertEquals(1, onednn.warnings().size());
    }

    @Test
    void requestedButCpuLacksFlags_keptWithWarning() {
        Choice c = choose("-onednn-avx512", null, "amd64", AVX2, JAR);
        assertEquals(ONEDNN_AVX512, c.extension(), "the user's choice stands (startup check reruns on generic)");
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("avx512f"), c.warnings().toString());
        assertTrue(choose("-onednn-avx512", null, "amd64", null, JAR).warnings().isEmpty(), "flags unknown: silent");
    }

    @Test
    void platformName_likeJavaCpp() {
        assertEquals("linux-x86_64", NativeBuildSelector.platform("Linux", "amd64"));
        assertEquals("linux-arm64", NativeBuildSelector.platform("Linux", "aarch64"));
        assertEquals("macosx-x86_64", NativeBuildSelector.platform("Mac OS X", "x86_64"));
        assertEquals("windows-x86_64", NativeBuildSelector.platform("Windows 10", "amd64"));
    }

    @Test
    void helpOnly_skipsTheLoadCheck() {
        assertTrue(NativeBuildSelector.helpOnly(new String[0]));
        assertTrue(NativeBuildSelector.helpOnly(new String[] {"--help"}));
        assertTrue(NativeBuildSelector.helpOnly(new String[] {"help", "certify"}));
        assertTrue(NativeBuildSelector.helpOnly(new String[] {"certify", "-h"}));
        assertTrue(NativeBuildSelector.helpOnly(new String[] {"--version"}));
        assertFalse(NativeBuildSelector.helpOnly(new String[] {"bench", "--case", "bjorck64"}));
    }

    @Test
    void relaunchCommand_sameJvmOptionsOnGeneric() {
        List<String> cmd = NativeBuildSelector.relaunchCommand("/jdk/bin/java",
                List.of("-Xmx1g", "-D" + NativeBuildSelector.PROPERTY + "=-onednn-avx512", "-Dfoo=bar"),
                "w1.jar", "dev.Main", new String[] {"bench", "--case", "a b"});
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Dfoo=bar", "-D" + NativeBuildSelector.PROPERTY + "=",
                "-cp", "w1.jar", "dev.Main", "bench", "--case", "a b"), cmd);
    }
}
