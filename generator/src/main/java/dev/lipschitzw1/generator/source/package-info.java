/**
 * The {@code generator:} named sources, registered with the datasets module's
 * {@link dev.lipschitzw1.datasets.ImageSourceProvider} service: shipped ladders, generator files, SameDiff and ONNX
 * models. Imports {@code pretrained}, {@code external} and {@code io}; nothing imports it.
 */
package dev.lipschitzw1.generator.source;
