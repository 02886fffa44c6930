package dev.lipschitzw1.experiments.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which nd4j-native build the runner loads: the decision alone, without I/O (the CPU flags, the user's settings and
 * the bundled builds are arguments), so that it is unit-tested. {@link NativeBuildStartup} gathers the inputs, sets
 * {@value #PROPERTY} and checks the load.
 *
 * <p>Order: the system property {@value #PROPERTY}, if set (also to the empty value, the generic build); else the
 * environment variable {@value #ENV} ({@code generic}, {@code onednn}, {@code onednn-avx2}, {@code onednn-avx512},
 * any other bundled extension without its leading dash, or {@code auto}); else the fastest bundled build the CPU
 * supports: {@code -onednn-avx512} (AVX-512 F/CD/BW/DQ/VL and the AVX2 set), {@code -onednn-avx2} (AVX2, FMA, BMI2,
 * F16C), {@code -onednn} (any x86-64, if bundled), else the generic build. A requested build that is not bundled
 * gives a warning and the generic build (JavaCPP would silently load the generic build anyway).
 */
public final class NativeBuildSelector {

    /** The JavaCPP property naming the native build, read when ND4J's native library first loads. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The environment variable that picks the build when the property is not set. */
    public static final String ENV = "W1_ND4J_BUILD";
    public static final String GENERIC = "";
    public static final String ONEDNN = "-onednn";
    public static final String ONEDNN_AVX2 = "-onednn-avx2";
    public static final String ONEDNN_AVX512 = "-onednn-avx512";

    /** What the AVX2 builds are compiled for (Haswell and later, Zen and later): {@code /proc/cpuinfo} flag names. */
    static final List<String> AVX2_FLAGS = List.of("avx2", "fma", "bmi2", "f16c");
    /** What the AVX-512 builds need on top of {@link #AVX2_FLAGS} (Skylake-SP and later, Zen 4 and later). */
    static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    /** Where the choice came from. */
    public enum Source { PROPERTY, ENVIRONMENT, CPU }

    /**
     * The build to load.
     *
     * @param extension the value for {@value #PROPERTY}: {@code ""} (generic), {@code -onednn-avx512}, …
     * @param source where it came from
     * @param reason one line, for {@code w1 --version}
     * @param warnings one line each, for stderr (requested build not bundled, or not supported by this CPU)
     */
    public record Choice(String extension, Source source, String reason, List<String> warnings) {
        public Choice {
            warnings = List.copyOf(warnings);
        }

        /** The build's name, e.g. {@code linux-x86_64-onednn-avx512}. */
        public String build(String platform) {
            return platform + extension;
        }
    }

    private NativeBuildSelector() {
    }

    /**
     * Decides the build.
     *
     * @param property the value of {@value #PROPERTY}, {@code null} if unset
     * @param env the value of {@value #ENV}, {@code null} if unset
     * @param osArch the JVM's {@code os.arch}
     * @param cpuFlags the CPU's feature flags ({@link #parseCpuFlags}), {@code null} if unknown
     * @param bundled whether the build with this extension is on the class path
     */
    public static Choice choose(String property, String env, String osArch, Set<String> cpuFlags,
                                Predicate<String> bundled) {
        List<String> warnings = new ArrayList<>();
        if (property != null) {
            String ext = property.trim();
            return requested(ext, Source.PROPERTY, "-D" + PROPERTY + "=" + ext, cpuFlags, bundled, warnings);
        }
        if (env != null && !env.isBlank() && !env.trim().equalsIgnoreCase("auto")) {
            String v = env.trim().toLowerCase(Locale.ROOT);
            String ext = v.equals("generic") ? GENERIC : "-" + (v.startsWith("-") ? v.substring(1) : v);
            return requested(ext, Source.ENVIRONMENT, ENV + "=" + env.trim(), cpuFlags, bundled, warnings);
        }
        if (!isX86_64(osArch) || cpuFlags == null) {
            return new Choice(GENERIC, Source.CPU, "generic: CPU flags unknown (" + osArch + ")", warnings);
        }
        if (supports(cpuFlags, ONEDNN_AVX512) && bundled.test(ONEDNN_AVX512)) {
            return new Choice(ONEDNN_AVX512, Source.CPU, "CPU has AVX-512 (" + String.join(" ", AVX512_FLAGS) + ")",
                    warnings);
        }
        if (supports(cpuFlags, ONEDNN_AVX2) && bundled.test(ONEDNN_AVX2)) {
            return new Choice(ONEDNN_AVX2, Source.CPU, "CPU has AVX2 (" + String.join(" ", AVX2_FLAGS) + ")",
                    warnings);
        }
        if (bundled.test(ONEDNN)) {
            return new Choice(ONEDNN, Source.CPU, "CPU has neither AVX2 nor AVX-512; baseline oneDNN build", warnings);
        }
        return new Choice(GENERIC, Source.CPU, "CPU has neither AVX2 nor AVX-512", warnings);
    }

    private static Choice requested(String ext, Source source, String how, Set<String> cpuFlags,
                                    Predicate<String> bundled, List<String> warnings) {
        if (!ext.isEmpty() && !bundled.test(ext)) {
            warnings.add("nd4j-native build '" + ext + "' (" + how + ") is not in this jar; using the generic build");
            return new Choice(GENERIC, source, how + ", not bundled: generic", warnings);
        }
        if (cpuFlags != null) {
            List<String> missing = missingFlags(cpuFlags, ext);
            if (!missing.isEmpty()) {
                warnings.add("nd4j-native build '" + ext + "' (" + how + ") needs CPU flags this CPU lacks: "
                        + String.join(" ", missing));
            }
        }
        return new Choice(ext, source, how, warnings);
    }

    /** Whether a CPU with these flags runs the build with this extension (unknown extensions: no requirement). */
    static boolean supports(Set<String> cpuFlags, String extension) {
        return missingFlags(cpuFlags, extension).isEmpty();
    }

    /** The flags the build with this extension needs that the CPU lacks. */
    static List<String> missingFlags(Set<String> cpuFlags, String extension) {
        List<String> required = new ArrayList<>();
        if (extension.endsWith("-avx512")) {
            required.addAll(AVX2_FLAGS);
            required.addAll(AVX512_FLAGS);
        } else if (extension.endsWith("-avx2")) {
            required.addAll(AVX2_FLAGS);
        }
        required.removeIf(cpuFlags::contains);
        return required;
    }

    /**
     * The CPU feature flags from the text of Linux's {@code /proc/cpuinfo} (the first {@code flags} line), or
     * {@code null} if there is none (other architectures: ARM lists {@code Features}).
     */
    public static Set<String> parseCpuFlags(String cpuinfo) {
        if (cpuinfo == null) {
            return null;
        }
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return null;
    }

    static boolean isX86_64(String osArch) {
        String a = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return a.equals("amd64") || a.equals("x86_64") || a.equals("x86-64") || a.equals("x64");
    }

    /** JavaCPP's platform name for this OS and architecture, as {@code org.bytedeco.javacpp.Loader} forms it. */
    public static String platform(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac os x") || os.startsWith("darwin")) {
            os = "macosx";
        } else if (os.indexOf(' ') > 0) {
            os = os.substring(0, os.indexOf(' '));
        }
        String a = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        if (isX86_64(a)) {
            a = "x86_64";
        } else if (a.startsWith("aarch64") || a.startsWith("armv8") || a.startsWith("arm64")) {
            a = "arm64";
        }
        return os + "-" + a;
    }

    /** Whether the command line only asks for help or the version (then ND4J is not loaded, so not checked). */
    public static boolean helpOnly(String[] args) {
        if (args.length == 0 || args[0].equals("help")) {
            return true;
        }
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command that reruns this JVM on the generic build: the same JVM options (less any {@value #PROPERTY}),
     * {@code -D}{@value #PROPERTY}{@code =}, the class path, the main class and the arguments.
     */
    public static List<String> relaunchCommand(String java, List<String> jvmOptions, String classPath,
                                               String mainClass, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String o : jvmOptions) {
            if (!o.startsWith("-D" + PROPERTY + "=") && !o.equals("-D" + PROPERTY)) {
                cmd.add(o);
            }
        }
        cmd.add("-D" + PROPERTY + "=");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }
}
