package dev.lipschitzw1.generator.external;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx;

/**
 * Rewrites an ONNX graph into the subset that samediff-import-onnx 1.0.0-M2.1 imports correctly; measured on the
 * fixture of OnnxGeneratorTest (PyTorch 1.13 export, opset 13):
 * <ul>
 *   <li>{@code Constant} nodes become initializers. Imported as nodes, an int64 shape constant arrives as a float
 *       [1] array and the following {@code Reshape} fails ("Data types validation failed").</li>
 *   <li>{@code Gemm(A, B, C)} becomes {@code Gemm(A, B)} followed by {@code Add(·, C)}. The importer maps Gemm to a
 *       matrix product and silently drops the bias C (outputs off by the bias, no error).</li>
 *   <li>{@code Gemm} with transA = 1, alpha ≠ 1 or beta ≠ 1 is refused: the importer ignores those attributes.</li>
 *   <li>{@code Constant} nodes that hold their value other than as a tensor ({@code value_float}, …) are refused.</li>
 * </ul>
 * Everything else is passed through unchanged.
 */
final class OnnxGraphRewriter {
    private OnnxGraphRewriter() {
    }

    /**
     * The rewritten model.
     *
     * @throws ModelImportException for a node form the importer would get wrong and that is not rewritten
     */
    static Onnx.ModelProto rewrite(Onnx.ModelProto model, Path file) {
        Onnx.GraphProto graph = model.getGraph();
        Onnx.GraphProto.Builder g = graph.toBuilder().clearNode();
        List<Onnx.TensorProto> constants = new ArrayList<>();
        for (Onnx.NodeProto node : graph.getNodeList()) {
            switch (node.getOpType()) {
                case "Constant" -> constants.add(constantTensor(node, file));
                case "Gemm" -> rewriteGemm(node, g, file);
                default -> g.addNode(node);
            }
        }
        constants.forEach(g::addInitializer);
        return model.toBuilder().setGraph(g).build();
    }

    private static Onnx.TensorProto constantTensor(Onnx.NodeProto node, Path file) {
        for (Onnx.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("value")) {
                return a.getT().toBuilder().setName(node.getOutput(0)).build();
            }
        }
        throw new ModelImportException(file, "Constant node '" + node.getName() + "' holds its value as "
                + (node.getAttributeCount() == 0 ? "nothing" : "'" + node.getAttribute(0).getName() + "'")
                + ", not as a tensor", "export with constant folding, or store constants as initializers");
    }

    private static void rewriteGemm(Onnx.NodeProto node, Onnx.GraphProto.Builder g, Path file) {
        for (Onnx.AttributeProto a : node.getAttributeList()) {
            boolean unsupported = switch (a.getName()) {
                case "transA" -> a.getI() != 0;
                case "alpha", "beta" -> a.getF() != 1.0f;
                default -> false;
            };
            if (unsupported) {
                throw new ModelImportException(file, "Gemm node '" + node.getName() + "' has " + a.getName() + " = "
                        + (a.getName().equals("transA") ? a.getI() : a.getF()) + ", which samediff-import-onnx "
                        + "ignores", "export the layer as MatMul (+ Add), e.g. torch.matmul(z, W.t()) + b");
            }
        }
        if (node.getInputCount() < 3) {
            g.addNode(node);
            return;
        }
        String product = node.getOutput(0) + "__without_bias";
        Onnx.NodeProto.Builder gemm = node.toBuilder().clearInput().addInput(node.getInput(0))
                .addInput(node.getInput(1)).setOutput(0, product);
        g.addNode(gemm);
        g.addNode(Onnx.NodeProto.newBuilder().setOpType("Add").setName(node.getName() + "__bias")
                .addInput(product).addInput(node.getInput(2)).addOutput(node.getOutput(0)));
    }
}
