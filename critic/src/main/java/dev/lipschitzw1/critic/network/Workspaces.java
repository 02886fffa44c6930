package dev.lipschitzw1.critic.network;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspaces every critic computation runs in, so that off-heap memory is reused step after step instead of
 * waiting for the garbage collector to free each temporary: a workspace learns its size in its first cycle, is
 * allocated once (20 % over), and every array created inside it is released when the scope closes. Arrays that must
 * outlive a scope (parameters, gradients, optimiser state, returned scores) are allocated outside any workspace or
 * detached. Workspaces are per thread, so parallel seeds each have their own.
 */
public final class Workspaces {

    /** One training step (forward, backward, update). */
    public static final String STEP = "w1-step";
    /** One evaluation (weights built once) and, nested in it, one batch. */
    public static final String EVALUATION = "w1-eval";
    /** One batch of an evaluation. */
    public static final String BATCH = "w1-batch";
    /** One iteration of a training loop around a step: sampling the batches. */
    public static final String ITERATION = "w1-iteration";

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {
    }

    /** Opens (activates) the workspace {@code id} of this thread; close it with try-with-resources. */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }
}
