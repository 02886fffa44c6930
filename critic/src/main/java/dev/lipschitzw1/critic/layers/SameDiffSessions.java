package dev.lipschitzw1.critic.layers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.ExecutionResult;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.FrameIter;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.imports.VariableUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;

/**
 * Works around exponential graph-preparation time in ND4J 1.0.0-M2.1's SameDiff executor.
 *
 * <p>{@code AbstractSession.initSubgraph} collects the variables an output needs by a breadth-first walk that re-adds
 * an op's inputs every time one of its outputs is dequeued, before those inputs are marked visited. A variable
 * reachable along many paths is therefore expanded once per path: Björck's iteration, which uses each iterate three
 * times, makes the count grow like 3^iterations, and the gradient of a 20-step Björck took 60–95 s per call
 * (14 steps: 2 s; measured on this project's critics). {@link #install()} binds an {@code InferenceFactory} whose
 * sessions first compute the same closure (op inputs, variable and op control dependencies) with a visited set,
 * order it so that every variable comes after its dependencies, and hand that set to the original method, which then
 * expands each variable once. The resulting subgraph is the one the original computes; only the work changes.
 *
 * <p>The same sessions execute {@link EagerOp}s (graph nodes computed in Java with eager ND4J calls).
 *
 * <p>The binding is global to the JVM (SameDiff offers no per-graph hook) and applies to sessions created after it;
 * {@link dev.lipschitzw1.critic.layers.LipschitzLayer} users call {@link #install()} before executing a graph
 * (the critic does so when it is built). Idempotent and thread-safe.
 */
public final class SameDiffSessions {

    private static volatile boolean installed;

    private SameDiffSessions() {
    }

    /** Binds the linear-time session factory (once per JVM). */
    public static void install() {
        if (!installed) {
            synchronized (SameDiffSessions.class) {
                if (!installed) {
                    SameDiff.bindInferenceFactory(LinearSubgraphSession::new);
                    installed = true;
                }
            }
        }
    }

    /**
     * {@link #install()}, and drops any session of {@code sd} created before it (a graph executed or created before
     * the binding keeps the default session, which cannot run {@link EagerOp}s). Call while building a graph.
     */
    public static void install(SameDiff sd) {
        install();
        sd.getSessions().values().removeIf(s -> !(s instanceof LinearSubgraphSession));
    }

    /** An inference session whose subgraph preparation is linear in the graph size. */
    static final class LinearSubgraphSession extends InferenceSession {

        LinearSubgraphSession(SameDiff sd) {
            super(sd);
        }

        @Override
        public ExecutionResult doExec(DifferentialFunction op, OpContext oc, FrameIter frame, Set<VarId> opInputs,
                                      Set<VarId> allIterInputs, Set<String> constAndPhInputs,
                                      Map<String, SDValue> otherPlaceHolders) {
            if (op instanceof EagerOp) {
                ((EagerOp) op).compute(oc.getInputArrays().toArray(new INDArray[0]),
                        oc.getOutputArrays().toArray(new INDArray[0]));
                return ExecutionResult.createFrom(op, oc);
            }
            return super.doExec(op, oc, frame, opInputs, allIterInputs, constAndPhInputs, otherPlaceHolders);
        }

        @Override
        protected void initSubgraph(Set<String> variables) {
            super.initSubgraph(dependencyOrder(variables));
        }

        /** The closure of {@code roots} under dependencies, each variable after all of its dependencies. */
        private Set<String> dependencyOrder(Set<String> roots) {
            Set<String> done = new LinkedHashSet<>();
            Set<String> entered = new HashSet<>();
            Deque<String> stack = new ArrayDeque<>();
            Deque<Boolean> expanded = new ArrayDeque<>();
            for (String root : roots) {
                stack.push(root);
                expanded.push(false);
                while (!stack.isEmpty()) {
                    String v = stack.pop();
                    boolean children = expanded.pop();
                    if (children) {
                        done.add(v);
                        continue;
                    }
                    if (done.contains(v) || !entered.add(v)) {
                        continue;
                    }
                    stack.push(v);
                    expanded.push(true);
                    for (String d : dependencies(v)) {
                        if (!entered.contains(d)) {
                            stack.push(d);
                            expanded.push(false);
                        }
                    }
                }
            }
            return done;
        }

        private List<String> dependencies(String varName) {
            List<String> deps = new ArrayList<>();
            DifferentialFunction op = sameDiff.getVariableOutputOp(varName);
            Variable var = sameDiff.getVariables().get(VariableUtils.stripVarSuffix(varName));
            if (var != null && var.getControlDeps() != null) {
                deps.addAll(var.getControlDeps());
            }
            if (op != null) {
                String[] inputs = sameDiff.getInputsForOp(op);
                if (inputs != null) {
                    deps.addAll(List.of(inputs));
                }
                SameDiffOp sdo = sameDiff.getOps().get(op.getOwnName());
                if (sdo != null && sdo.getControlDeps() != null) {
                    deps.addAll(sdo.getControlDeps());
                }
            }
            return deps;
        }
    }
}
