package dev.lipschitzw1.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
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
 * @param threads ND4J's thread count per operation (per worker when runs are trained in parallel)
 * @param startedAt when the run started (UTC)
 * @param workers training runs executed at once (1: one after another; 0 in files written before workers existed)
 * @param commit the git commit the toolkit was built from ({@link #buildCommit()}; null in files written before it was
 *               recorded)
 * @param sources the data the result was computed from, each with its {@link SourceDigest} (empty when not given)
 */
public record Provenance(String configJson, long seed, String version, String nd4jVersion, String nd4jBackend,
                         String javaVersion, String osArch, int threads, Instant startedAt, int workers,
                         String commit, List<SourceDigest> sources) {

    public Provenance {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Captures the current platform for a run with this configuration and seed, starting now, without sources. */
    public static Provenance capture(String configJson, long seed) {
        return capture(configJson, seed, List.of());
    }

    /** Captures the current platform for a run with this configuration and seed on these sources, starting now. */
    public static Provenance capture(String configJson, long seed, List<SourceDigest> sources) {
        Properties build = buildProperties();
        String backend = Nd4j.getBackend().getClass().getSimpleName() + " " + nativeBuild();
        int threads = Nd4j.getEnvironment().maxMasterThreads();   // what libnd4j's parallel loops use
        return new Provenance(configJson, seed, build.getProperty("version", "unknown"),
                build.getProperty("nd4j", "unknown"), backend,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), threads, Instant.now(), 1,
                buildCommit(), sources);
    }

    /** "2 threads", or "2 workers × 1 thread" when training runs were executed in parallel. */
    public String threadsText() {
        String t = threads + (threads == 1 ? " thread" : " threads");
        return workers > 1 ? workers + " workers × " + t : t;
    }

    /** This provenance for a run whose training runs were executed {@code n} at a time. */
    public Provenance withWorkers(int n) {
        return new Provenance(configJson, seed, version, nd4jVersion, nd4jBackend, javaVersion, osArch, threads,
                startedAt, n, commit, sources);
    }

    /**
     * The git commit this build of the toolkit was made from (filtered into build.properties by Maven), with
     * {@code -dirty} when the working tree had uncommitted changes; {@code unknown} for a build outside a git checkout.
     */
    public static String buildCommit() {
        Properties build = buildProperties();
        String id = build.getProperty("commit", "");
        if (id.isBlank() || id.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(build.getProperty("dirty")) ? id + "-dirty" : id;
    }

    /**
     * The ND4J native build that is loaded, e.g. {@code linux-x86_64-onednn-avx512} (loads ND4J if it is not yet).
     * JavaCPP falls back to the generic build without a word when the requested one is missing, so this is read
     * from where the native library was loaded, not from {@code org.bytedeco.javacpp.platform.extension}.
     */
    public static String nativeBuild() {
        Nd4j.getBackend();
        String loaded = loadedNativeBuild();
        return loaded != null ? loaded
                : System.getProperty("org.bytedeco.javacpp.platform", "linux-x86_64")
                        + System.getProperty("org.bytedeco.javacpp.platform.extension", "") + " (requested)";
    }

    /**
     * The native build of the loaded ND4J library (the folder JavaCPP loaded {@code libnd4jcpu}, or the CUDA
     * library, from, e.g. {@code linux-x86_64-onednn-avx512}), both names if its JNI library came from another
     * build, or {@code null} if ND4J's native library is not loaded. Does not load ND4J.
     */
    public static String loadedNativeBuild() {
        String core = null;
        String jni = null;
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String name = e.getKey().split("@")[0];
            if (name.equals("nd4jcpu") || name.startsWith("nd4jcuda")) {
                core = buildFolder(e.getValue());
            } else if (name.equals("jnind4jcpu") || name.startsWith("jnind4jcuda")) {
                jni = buildFolder(e.getValue());
            }
        }
        if (core == null) {
            return jni;
        }
        return jni == null || jni.equals(core) ? core : core + " (JNI library: " + jni + ")";
    }

    private static String buildFolder(String libraryPath) {
        if (libraryPath == null) {
            return null;
        }
        Path parent = Path.of(libraryPath).getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return folder.startsWith(Loader.getPlatform()) ? folder : libraryPath;
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
