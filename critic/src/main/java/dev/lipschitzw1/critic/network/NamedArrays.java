package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one binary layout of named arrays (critic files, estimator checkpoints, optimiser state):
 * <pre>  int32 count,  then per array: modified-UTF-8 name, Nd4j.write(array)  (big-endian, DataOutputStream)  </pre>
 * Arrays are read outside any workspace (they outlive the call).
 */
public final class NamedArrays {

    /** More arrays than any critic or checkpoint holds: a count above this is a corrupt file. */
    static final int MAX_ARRAYS = 100_000;

    private NamedArrays() {
    }

    /** Writes {@code arrays} in iteration order. */
    public static void write(DataOutputStream out, Map<String, INDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), out);
        }
    }

    /**
     * Reads what {@link #write} wrote, in order.
     *
     * @param file for messages
     * @throws CorruptDataException naming the file if the count is impossible
     * @throws IOException if the stream ends early or an array cannot be decoded
     */
    public static Map<String, INDArray> read(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ARRAYS) {
            throw new CorruptDataException(file, 0, "array count", Integer.toString(n), "0 to " + MAX_ARRAYS);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                arrays.put(name, Nd4j.read(in));
            }
        }
        return arrays;
    }
}
