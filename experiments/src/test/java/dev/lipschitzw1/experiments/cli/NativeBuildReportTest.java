package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.provenance.Provenance;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** {@code w1 bench} and {@code w1 --version} name the nd4j-native build. */
class NativeBuildReportTest {

    @Test
    void benchEnvironment_namesTheLoadedBuild() {
        Object build = BenchCommand.environment().get("nd4j_native_build");
        // surefire passes -Dorg.bytedeco.javacpp.platform.extension=${nd4j.native.extension} (generic by default)
        assertEquals(Loader.getPlatform() + System.getProperty("org.bytedeco.javacpp.platform.extension", ""), build);
        assertEquals(Provenance.loadedNativeBuild(), build);
    }

    @Test
    void version_hasANativeBuildLine() {
        DataCommandTest.Run r = DataCommandTest.run("--version");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("nd4j-native build: "), r.out());
    }
}
