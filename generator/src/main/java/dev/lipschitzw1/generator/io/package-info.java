/**
 * File formats of the generator module: tensors as NumPy {@code .npy} entries ({@link dev.lipschitzw1.generator.io.NpyArrays}),
 * zip containers read strictly into memory ({@link dev.lipschitzw1.files.Container}), and the generator file
 * ({@link dev.lipschitzw1.generator.io.GeneratorFile}: architecture, provenance and parameters in one zip). Every
 * malformed input gives a {@link dev.lipschitzw1.errors.CorruptDataException} naming the file and the entry.
 * Imports nothing from {@code train}, {@code external} or {@code source}.
 */
package dev.lipschitzw1.generator.io;
