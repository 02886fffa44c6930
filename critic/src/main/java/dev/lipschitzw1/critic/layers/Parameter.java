package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable array of a layer and its gradient accumulator, both allocated once outside any workspace (they live as
 * long as the layer): the backward pass adds ∂L/∂θ into {@link #grad()}, the optimiser reads it and updates
 * {@link #value()} in place, and {@link #zeroGrad()} clears it before the next step.
 */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    /** A parameter holding a detached copy of {@code initial} (and a zero gradient of its shape). */
    public Parameter(String name, INDArray initial) {
        this.name = name;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.value = initial.dup('c');
            this.grad = Nd4j.zeros(initial.dataType(), initial.shape());
        }
    }

    /** Full name inside the critic, e.g. {@code stage1.conv/M}. */
    public String name() {
        return name;
    }

    /** The array the layer reads (updated in place by the optimiser). */
    public INDArray value() {
        return value;
    }

    /** The gradient accumulated by the current step's backward pass. */
    public INDArray grad() {
        return grad;
    }

    /** Adds {@code g} (same shape; any workspace) to the gradient. */
    public void accumulate(INDArray g) {
        Ops.add(grad, g.reshape(grad.shape()), grad);
    }

    public void zeroGrad() {
        grad.assign(0);
    }
}
