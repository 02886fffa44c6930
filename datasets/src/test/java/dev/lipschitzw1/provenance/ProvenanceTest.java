package dev.lipschitzw1.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** The native build in provenance is the one loaded, read from where JavaCPP loaded it. */
class ProvenanceTest {

    @Test
    void nativeBuild_isTheLoadedBuild() {
        String build = Provenance.nativeBuild();
        // The tests run on the build-time choice: the generic build unless -Dnd4j.native.extension=... was given.
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        assertTrue(build.equals(Loader.getPlatform() + extension) || extension.isEmpty()
                && build.startsWith(Loader.getPlatform()), build);
        assertEquals(build, Provenance.loadedNativeBuild());
        Provenance p = Provenance.capture("{}", 1);
        assertEquals("CpuBackend " + build, p.nd4jBackend());
    }
}
