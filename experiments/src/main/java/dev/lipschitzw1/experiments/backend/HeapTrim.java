package dev.lipschitzw1.experiments.backend;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner's heap policy when the command line sets none: the Java heap is handed back to the operating system
 * between epochs, so resident memory follows what training keeps alive rather than what it allocated since start-up.
 * <pre>
 *   at start-up:        MinHeapFreeRatio = 10, MaxHeapFreeRatio = 30   (G1 shrinks the heap to ≤ live / 0.7 on a full GC)
 *   after an epoch (and between benchmark repetitions):  System.gc(), at most once every {@value #INTERVAL_SECONDS} s
 * </pre>
 * Why: a training step allocates a few MB of short-lived Java objects (ND4J's array and pointer wrappers) whose
 * off-heap memory lives in workspaces; G1 meets that allocation rate by growing the heap towards its default maximum
 * (a quarter of the machine's memory) and never shrinks it without a full collection, which training never triggers.
 * In README's first command the heap reached 952 MB for about 100 MB of live objects (docs/decisions.md, decision 37).
 * A full collection of that live set takes ~0.1 s, well under 1 % of the interval. Nothing is changed when the JVM was
 * started with heap-sizing options (-Xmx, -XX:MaxHeapFreeRatio, -XX:MaxRAMPercentage, …): then the user decides.
 */
public final class HeapTrim {

    static final long INTERVAL_SECONDS = 15;
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
            "-XX:MaxHeapFreeRatio", "-XX:MinHeapFreeRatio", "-XX:SoftMaxHeapSize");
    private static volatile boolean enabled;
    private static final AtomicLong LAST = new AtomicLong(System.nanoTime());

    private HeapTrim() {
    }

    /** Applies the policy unless the command line set the heap's size (idempotent). */
    public static void configure() {
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
