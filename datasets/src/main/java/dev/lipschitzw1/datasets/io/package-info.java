/**
 * Readers for the image formats the toolkit consumes, each validating every header field and length before it
 * allocates from them: {@link dev.lipschitzw1.datasets.io.IdxReader} (MNIST, Fashion-MNIST; raw or gzip, detected by
 * content), {@link dev.lipschitzw1.datasets.io.CifarBinaryReader} (CIFAR-10 binary batches),
 * {@link dev.lipschitzw1.datasets.io.Stl10BinaryReader} (STL-10, streamed from disk, column-major transposed) and
 * {@link dev.lipschitzw1.datasets.io.ImageFolderReader} (folders of images via {@code javax.imageio}, fixed target
 * size, no resizing), plus {@link dev.lipschitzw1.datasets.io.IdxWriter} for conversions and fixtures.
 *
 * <p>Every reader returns a complete {@link dev.lipschitzw1.datasets.ImageSet} (pixel value = byte / 255, CHW) or
 * throws: {@link dev.lipschitzw1.errors.CorruptDataException} (file, byte offset or −1 for the whole file, field,
 * found, expected) for wrong contents, {@link dev.lipschitzw1.errors.DataIoException} (file, cause kept) for I/O
 * failures, {@link dev.lipschitzw1.errors.InvalidConfigException} for bad arguments; never an
 * {@link java.lang.OutOfMemoryError} from a header field, a raw {@link java.io.IOException} or a partial result.
 *
 * <p>Imports only {@code dev.lipschitzw1.datasets}, {@code dev.lipschitzw1.errors} and the JDK; nothing from the
 * critic, generator or runner modules, and no ND4J.
 */
package dev.lipschitzw1.datasets.io;
