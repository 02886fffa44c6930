package dev.lipschitzw1.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap policy stays off exactly when the command line sizes the heap itself. */
class HeapTrimTest {

    @Test
    void heapSizingOptionsTurnThePolicyOff() {
        for (String option : List.of("-Xmx1g", "-XX:MaxHeapSize=2g", "-XX:MaxRAMPercentage=50",
                "-XX:MaxHeapFreeRatio=50", "-XX:MinHeapFreeRatio=5", "-XX:SoftMaxHeapSize=1g")) {
            assertTrue(HeapTrim.userSizedHeap(List.of("-Dfoo=bar", option)), option);
        }
    }

    @Test
    void otherOptionsLeaveItOn() {
        assertFalse(HeapTrim.userSizedHeap(List.of()));
        assertFalse(HeapTrim.userSizedHeap(List.of("-Xss4m", "-Xms256m", "-XX:+UseG1GC", "-Dw1.x=1")));
    }
}
