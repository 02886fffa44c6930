/**
 * Users' generators: a SameDiff saved model ({@link dev.lipschitzw1.generator.external.SameDiffGenerator}) or an ONNX
 * graph imported through {@code samediff-import-onnx} ({@link dev.lipschitzw1.generator.external.OnnxGenerator}),
 * each checked on a probe batch (shape, range) and mapped to [0, 1] by a stated rule
 * ({@link dev.lipschitzw1.generator.external.OutputRange}). Failures are typed: a missing file
 * ({@code SourceNotFoundException}), a damaged one ({@code CorruptDataException}), a model that is not a usable
 * generator ({@link dev.lipschitzw1.generator.external.ModelImportException}). Imports nothing from {@code train}.
 */
package dev.lipschitzw1.generator.external;
