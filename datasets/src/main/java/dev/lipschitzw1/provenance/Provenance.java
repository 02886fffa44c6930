package dev.lipschitzw1.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a result came from: the configuration that produced it, its seed, the toolkit and ND4J versions, the backend
 * and native build it ran on, the JVM, OS/architecture and thread count, and when it started. Results differ across
 * backends and builds (float reductions are ordered differently), so every result records them.
 *
 * @param configJson the effective configuration as JSON (reruns the experiment)
 * @param seed the run's root seed
 * @param version the toolkit version
 * @param nd4jVersion the ND4J version
 * @param nd4jBackend the backend class and native build, e.g. {@code CpuBackend linux-x86_64-onednn-avx512}
 * @param javaVersion the Java runtime version and vendor
 * @param osArch operating system and architecture
 * @param threads ND4J's thread count (OpenMP), as the backend reports it
 * @param startedAt when the run started (UTC)
 */
public record Provenance(String configJson, long seed, String version, String nd4jVersion, String nd4jBackend,
                         String javaVersion, String osArch, int threads, Instant startedAt) {

    /** Captures the current platform for a run with this configuration and seed, starting now. */
    public static Provenance capture(String configJson, long seed) {
        Properties build = buildProperties();
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        String backend = Nd4j.getBackend().getClass().getSimpleName() + " "
                + System.getProperty("org.bytedeco.javacpp.platform", "linux-x86_64") + extension;
        int threads = Nd4j.getEnvironment().maxThreads();
        return new Provenance(configJson, seed, build.getProperty("version", "unknown"),
                build.getProperty("nd4j", "unknown"), backend,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), threads, Instant.now());
    }

    /** The toolkit's build facts (version, ND4J version), filtered in by Maven. */
    public static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/lipschitzw1/provenance/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.setProperty("version", "unknown (" + e.getMessage() + ")");
        }
        return p;
    }
}
