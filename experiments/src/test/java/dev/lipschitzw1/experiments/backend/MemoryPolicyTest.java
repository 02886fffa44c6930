package dev.lipschitzw1.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy leaves alone what the command line sets: the heap's size, JavaCPP's physical-memory limit. */
class MemoryPolicyTest {

    @Test
    void heapSizingOptionsTurnThePolicyOff() {
        for (String option : List.of("-Xmx1g", "-XX:MaxHeapSize=2g", "-XX:MaxRAMPercentage=50",
                "-XX:MaxHeapFreeRatio=50", "-XX:MinHeapFreeRatio=5", "-XX:SoftMaxHeapSize=1g")) {
            assertTrue(MemoryPolicy.userSizedHeap(List.of("-Dfoo=bar", option)), option);
        }
    }

    @Test
    void otherOptionsLeaveItOn() {
        assertFalse(MemoryPolicy.userSizedHeap(List.of()));
        assertFalse(MemoryPolicy.userSizedHeap(List.of("-Xss4m", "-Xms256m", "-XX:+UseG1GC", "-Dw1.x=1")));
    }

    @Test
    void javacppPhysicalCheckIsOffUnlessTheUserSetIt() {
        String key = MemoryPolicy.PHYSICAL_BYTES;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            MemoryPolicy.configure();
            assertEquals("0", System.getProperty(key));
            System.setProperty(key, "8g");
            MemoryPolicy.configure();
            assertEquals("8g", System.getProperty(key));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
