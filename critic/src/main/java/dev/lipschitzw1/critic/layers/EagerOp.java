package dev.lipschitzw1.critic.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

/**
 * A graph op computed in Java with eager ND4J calls (BLAS {@code gemm} and friends) instead of one native op per
 * graph node: SameDiff 1.0.0-M2.1 spends ~0.1–0.3 ms of bookkeeping per node, so an algorithm of hundreds of small
 * steps (Björck) is far cheaper as ONE node whose body and hand-written gradient run eagerly.
 *
 * <p>Executed only by the sessions of {@link SameDiffSessions} (which intercept it in {@code doExec}); the graph cannot
 * be serialised with it (no FlatBuffers form), which the critic does not need (it saves variables, not graphs).
 * Subclasses keep their settings in Java fields: SameDiff's gradient function reuses the op objects
 * ({@code invokeGraphOn}), it does not copy them. Gradients ({@code doDiff}) are built from other eager ops.
 */
public abstract class EagerOp extends DynamicCustomOp {

    /** For SameDiff's reflection only. */
    protected EagerOp() {
    }

    protected EagerOp(SameDiff sd, SDVariable... args) {
        super(sd, args);
    }

    /** Number of outputs. */
    protected abstract int outputCount();

    /** Output shapes for the given input shapes. */
    protected abstract long[][] outputShapes(long[][] inputShapes);

    /** Computes the outputs (preallocated with {@link #outputShapes}) from the inputs. */
    public abstract void compute(INDArray[] inputs, INDArray[] outputs);

    /**
     * No properties: settings travel as integer and floating-point arguments, which SameDiff's FlatBuffers copy (used
     * by {@code invokeGraphOn} when it builds the gradient function) preserves; subclasses rebuild their settings
     * from {@code iArgs()}/{@code tArgs()}.
     */
    @Override
    public Map<String, Object> propertiesForFunction() {
        return new HashMap<>();
    }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
    }

    /**
     * Makes the op class known to SameDiff's op registry by name (as the FlatBuffers copy looks it up), once per
     * class.
     */
    public static void register(EagerOp prototype) {
        Map<String, DifferentialFunction> byName = ImportClassMapping.getOpNameMapping();
        synchronized (byName) {
            byName.putIfAbsent(prototype.opName(), prototype);
        }
    }

    @Override
    public String opName() {
        return "eager_" + getClass().getSimpleName();
    }

    @Override
    public int getNumOutputs() {
        return outputCount();
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return Collections.nCopies(outputCount(), dataTypes.get(0));
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape() {
        SDVariable[] args = args();
        long[][] in = new long[args.length][];
        for (int i = 0; i < args.length; i++) {
            in[i] = args[i].getArr() != null ? args[i].getArr().shape() : args[i].getShape();
            if (in[i] == null) {
                return Collections.emptyList();
            }
        }
        return descriptors(outputShapes(in), args[0].dataType());
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
        List<INDArray> inputs = oc.getInputArrays();
        long[][] in = new long[inputs.size()][];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs.get(i).shape();
        }
        return descriptors(outputShapes(in), inputs.get(0).dataType());
    }

    private static List<LongShapeDescriptor> descriptors(long[][] shapes, DataType dt) {
        List<LongShapeDescriptor> out = new ArrayList<>();
        for (long[] s : shapes) {
            out.add(LongShapeDescriptor.fromShape(s, dt));
        }
        return out;
    }
}
