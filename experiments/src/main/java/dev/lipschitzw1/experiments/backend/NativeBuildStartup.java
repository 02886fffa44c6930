package dev.lipschitzw1.experiments.backend;

import dev.lipschitzw1.experiments.backend.NativeBuildSelector.Choice;
import dev.lipschitzw1.provenance.Provenance;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Picks the nd4j-native build at the very start of {@code main}, before any ND4J class is touched: reads the CPU flags
 * ({@code /proc/cpuinfo}), asks {@link NativeBuildSelector}, sets {@value NativeBuildSelector#PROPERTY}, then (unless
 * the command line only asks for help) loads ND4J's native library once to check it. If a non-generic build fails
 * to load or does not fit this CPU (ND4J itself would exit), the same command is rerun in a child JVM on the generic
 * build, with a one-line warning: a library that failed to load cannot be loaded again in the same JVM.
 */
public final class NativeBuildStartup {

    private static final String CPU_BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu";
    private static volatile Choice choice;
    private static volatile String platform;
    private static volatile boolean noCpuBackend;

    private NativeBuildStartup() {
    }

    /**
     * Selects the build and checks it.
     *
     * @param args the command line (help or version only: the check is skipped)
     * @param mainClass the class to rerun in a child JVM if the build fails
     * @return the child's exit code if the command was rerun on the generic build, else empty (carry on)
     */
    public static OptionalInt select(String[] args, String mainClass) {
        PrintStream err = System.err;
        platform = System.getProperty("org.bytedeco.javacpp.platform",
                NativeBuildSelector.platform(System.getProperty("os.name"), System.getProperty("os.arch")));
        if (resource(CPU_BINDINGS.replace('.', '/') + ".class") == null) {
            noCpuBackend = true; // not the CPU backend (e.g. the CUDA build): nothing to choose
            return OptionalInt.empty();
        }
        Choice c = NativeBuildSelector.choose(System.getProperty(NativeBuildSelector.PROPERTY),
                System.getenv(NativeBuildSelector.ENV), System.getProperty("os.arch"), cpuFlags(),
                NativeBuildStartup::bundled);
        choice = c;
        c.warnings().forEach(w -> err.println("warning: " + w));
        System.setProperty(NativeBuildSelector.PROPERTY, c.extension());
        if (c.extension().isEmpty() || NativeBuildSelector.helpOnly(args)) {
            return OptionalInt.empty();
        }
        String problem = check(c.build(platform));
        if (problem == null) {
            return OptionalInt.empty();
        }
        err.println("warning: nd4j-native build " + c.build(platform) + " " + problem + "; rerunning on the generic "
                + "build " + platform + " (set " + NativeBuildSelector.ENV + "=generic to skip this)");
        err.flush();
        try {
            return OptionalInt.of(relaunchGeneric(args, mainClass));
        } catch (IOException e) {
            err.println("error: could not rerun on the generic build: " + e.getMessage());
            return OptionalInt.of(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        }
    }

    /** The selected build and why, e.g. {@code linux-x86_64-onednn-avx512 (CPU has AVX-512 …)}; null before select. */
    public static String describe() {
        Choice c = choice;
        if (noCpuBackend) {
            return "none (not the CPU backend)";
        }
        return c == null ? null : c.build(platform) + " (" + c.reason() + ")";
    }

    /**
     * Loads ND4J's native library as ND4J would and returns what is wrong, or {@code null}: it failed to load, it does
     * not fit this CPU ({@code isMinimalRequirementsMet}, on which ND4J calls {@code System.exit}), or JavaCPP mixed
     * two builds. A consistent other build (JavaCPP's own fallback) only gives a warning.
     */
    private static String check(String requested) {
        try {
            Class<?> k = Class.forName(CPU_BINDINGS); // static initializer: JavaCPP loads the native libraries
            Object ops = k.getConstructor().newInstance();
            if (!(Boolean) k.getMethod("isMinimalRequirementsMet").invoke(ops)) {
                return "needs CPU instructions this CPU lacks";
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable t = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            return "failed to load (" + t.getClass().getSimpleName() + ": " + msg + ")";
        }
        String loaded = Provenance.loadedNativeBuild();
        if (loaded == null || loaded.contains(" ")) {
            return "was not loaded consistently (" + loaded + ")";
        }
        if (!loaded.equals(requested)) {
            System.err.println("warning: nd4j-native build " + requested + " requested, but JavaCPP loaded " + loaded);
        }
        return null;
    }

    private static int relaunchGeneric(String[] args, String mainClass) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = NativeBuildSelector.relaunchCommand(java,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                mainClass, args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(NativeBuildSelector.ENV, "generic");
        return pb.start().waitFor();
    }

    /** Whether the build with this extension is on the class path (its JNI library and its native library). */
    static boolean bundled(String extension) {
        String dir = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + extension + "/";
        String suffix = platform.startsWith("windows") ? ".dll" : platform.startsWith("macosx") ? ".dylib" : ".so";
        String prefix = platform.startsWith("windows") ? "" : "lib";
        return resource(dir + prefix + "jnind4jcpu" + suffix) != null && resource(dir + prefix + "nd4jcpu" + suffix) != null;
    }

    private static java.net.URL resource(String name) {
        ClassLoader cl = NativeBuildStartup.class.getClassLoader();
        return cl == null ? ClassLoader.getSystemResource(name) : cl.getResource(name);
    }

    /** The CPU's flags from {@code /proc/cpuinfo}, or null (not Linux, unreadable, not x86). */
    private static Set<String> cpuFlags() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            return Files.isReadable(p) ? NativeBuildSelector.parseCpuFlags(Files.readString(p)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
