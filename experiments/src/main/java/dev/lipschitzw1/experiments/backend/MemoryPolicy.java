package dev.lipschitzw1.experiments.backend;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner's memory policy, applied at start-up before ND4J or JavaCPP load, for what the command line leaves open:
 * <pre>
 *   JavaCPP:   org.bytedeco.javacpp.maxPhysicalBytes = 0   (no resident-memory check on every native allocation)
 *   heap:      MinHeapFreeRatio = 10, MaxHeapFreeRatio = 30   (G1 shrinks the heap to ≤ live / 0.7 on a full GC)
 *              before training: System.gc(); after an epoch (and between benchmark repetitions): System.gc(), at most
 *              once every {@value #INTERVAL_SECONDS} s
 * </pre>
 * Why the heap part: a training step allocates a few MB of short-lived Java objects (ND4J's array and pointer
 * wrappers) whose off-heap memory lives in workspaces; G1 meets that allocation rate by growing the heap towards its
 * default maximum (a quarter of the machine's memory) and never shrinks it without a full collection, which training
 * never triggers. In README's first command the heap reached 952 MB for about 100 MB of live objects
 * (docs/decisions.md, decision 37). A full collection of that live set takes ~0.1 s, well under 1 % of the interval.
 * It is skipped when the JVM was started with heap-sizing options (-Xmx, -XX:MaxHeapFreeRatio, …): then the user
 * decides.
 * <p>
 * Why the JavaCPP part: every ND4J array allocates its shape descriptor through JavaCPP, which then reads the
 * process's resident size to compare it with {@code maxPhysicalBytes} — measured 6 % of a quick-critic step. Training
 * arrays live in ND4J workspaces, so that check guards nothing here; JavaCPP's own count of the bytes it allocated
 * ({@code maxBytes}) stays. Skipped when either spelling of the property is set.
 */
public final class MemoryPolicy {

    static final long INTERVAL_SECONDS = 15;
    static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
            "-XX:MaxHeapFreeRatio", "-XX:MinHeapFreeRatio", "-XX:SoftMaxHeapSize");
    private static volatile boolean enabled;
    private static final AtomicLong LAST = new AtomicLong(System.nanoTime());

    private MemoryPolicy() {
    }

    /** Applies the policy (idempotent); call before any ND4J or JavaCPP class loads. */
    public static void configure() {
        if (System.getProperty(PHYSICAL_BYTES) == null
                && System.getProperty(PHYSICAL_BYTES.toLowerCase(java.util.Locale.ROOT)) == null) {
            System.setProperty(PHYSICAL_BYTES, "0");
        }
        if (userSizedHeap(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            return;
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // Min first: Max may not fall below it.
            hotspot.setVMOption("MinHeapFreeRatio", "10");
            hotspot.setVMOption("MaxHeapFreeRatio", "30");
            enabled = true;
        } catch (RuntimeException e) {
            enabled = false; // not HotSpot, or the options are not manageable here: leave the JVM's own policy
        }
    }

    /** Whether these JVM options size the heap (then the policy stays off). */
    static boolean userSizedHeap(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(a -> HEAP_OPTIONS.stream().anyMatch(a::startsWith));
    }

    /**
     * Before training starts (after the critics and data are built, whose temporaries made the heap grow): collects
     * and shrinks the heap now if the policy is on.
     */
    public static void trim() {
        if (enabled) {
            LAST.set(System.nanoTime());
            System.gc();
        }
    }

    /** After an epoch: collects and shrinks the heap if the policy is on and the last collection is old enough. */
    public static void trimIfDue() {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        long last = LAST.get();
        if (now - last >= INTERVAL_SECONDS * 1_000_000_000L && LAST.compareAndSet(last, now)) {
            System.gc();
        }
    }
}
