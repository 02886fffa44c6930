package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An STL-10 image file read on demand: image i is the 27,648 bytes at offset i·27,648, fetched with one positional
 * {@link FileChannel} read and transposed from column-major planes to CHW row-major (see {@link Stl10BinaryReader}).
 * Memory use is one image per read, whatever the file size. Reads are thread-safe (positional reads share no file
 * position). Made by {@link Stl10BinaryReader#open}.
 *
 * <p>The channel is opened on the first read and kept; {@link #close()} releases it, and a later read opens it again.
 * A thread interrupted during a read closes the channel (FileChannel semantics): that read fails with
 * {@link DataIoException}, the next one reopens it.
 */
public final class Stl10ImageSet extends ImageSet implements AutoCloseable {
    private final Path file;
    private final int size;
    private FileChannel channel;

    Stl10ImageSet(Path file, int size) {
        super(DataFiles.fileName(file), Stl10BinaryReader.SHAPE);
        this.file = file;
        this.size = size;
    }

    /** @return the file the images are read from */
    public Path file() {
        return file;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Reads image {@code index} from the file.
     *
     * @throws CorruptDataException if the file ends before the image does (it shrank after {@link
     *     Stl10BinaryReader#open})
     * @throws DataIoException if the read fails
     */
    @Override
    protected void copyImage(int index, float[] dst, int offset) {
        byte[] raw = new byte[Stl10BinaryReader.IMAGE_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long start = (long) index * Stl10BinaryReader.IMAGE_BYTES;
        try {
            FileChannel c = channel();
            while (buffer.hasRemaining()) {
                if (c.read(buffer, start + buffer.position()) < 0) {
                    throw new CorruptDataException(file, start + buffer.position(), "STL-10 image " + index,
                            "end of file", (long) size * Stl10BinaryReader.IMAGE_BYTES
                                    + " bytes (the length when opened)");
                }
            }
        } catch (IOException e) {
            throw new DataIoException(file, "read image " + index, e);
        }
        Stl10BinaryReader.columnMajorToChw(raw, dst, offset);
    }

    /** Releases the open file, if any; later reads reopen it. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new DataIoException(file, "close", e);
            } finally {
                channel = null;
            }
        }
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        return channel;
    }
}
