package dev.lipschitzw1.generator.external;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.generator.LatentModel;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An imported graph as a {@link LatentModel}: feeds float32 latents [n, d] to one input, reads one output, checks it
 * is [n, C, H, W], maps it to [0, 1] by the resolved {@link OutputRange} and clamps within the tolerance. Built only
 * by {@link #probe}, which runs a seeded probe batch first and fails with a {@link ModelImportException} (never later
 * in native code) when the output is not an image of the declared shape or its range fits no rule.
 */
final class GraphGenerator implements LatentModel {
    /** Seed of the probe batch's latents. */
    static final long PROBE_SEED = 0x5EEDL;

    private final Path file;
    private final SameDiff sd;
    private final String input;
    private final String output;
    private final int latentSize;
    private final ImageShape shape;
    private final OutputRange range;

    private GraphGenerator(Path file, SameDiff sd, String input, String output, int latentSize, ImageShape shape,
                           OutputRange range) {
        this.file = file;
        this.sd = sd;
        this.input = input;
        this.output = output;
        this.latentSize = latentSize;
        this.shape = shape;
        this.range = range;
    }

    /**
     * Runs a probe batch through the graph and returns the checked generator.
     *
     * @param declared the shape the output must have, or null to take it from the probe
     * @throws ModelImportException if the graph fails to run, its output is not [n, C, H, W] (of the declared shape),
     *         holds NaN, or fits neither range rule under AUTO
     */
    static GraphGenerator probe(Path file, SameDiff sd, String input, String output, int latentSize,
                                ImageShape declared, OutputRange range) {
        int n = OutputRange.PROBE_SIZE;
        INDArray z = GaussianLatents.sample(new SplittableRandom(PROBE_SEED), n, latentSize);
        INDArray raw = run(file, sd, input, output, z);
        long[] s = raw.shape();
        if (s.length != 4 || s[0] != n) {
            throw new ModelImportException(file, "output '" + output + "' is " + Arrays.toString(s) + " for " + n
                    + " latents, not an image batch [" + n + ", C, H, W]", "choose the image output with output=NAME");
        }
        ImageShape found;
        try {
            found = new ImageShape((int) s[1], (int) s[2], (int) s[3]);
        } catch (InvalidConfigException e) {
            throw new ModelImportException(file, "output '" + output + "' is " + Arrays.toString(s)
                    + ", not an image (C must be 1 to 4)", "choose the image output with output=NAME", e);
        }
        if (declared != null && !declared.equals(found)) {
            throw new ModelImportException(file, "output '" + output + "' has images of " + found + ", declared "
                    + declared, "declare shape=" + found.channels() + "x" + found.height() + "x" + found.width()
                    + " or pick another output");
        }
        double min = raw.minNumber().doubleValue();
        double max = raw.maxNumber().doubleValue();
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new ModelImportException(file, "output '" + output + "' holds NaN on the probe batch", "");
        }
        OutputRange resolved = range;
        if (range == OutputRange.AUTO) {
            resolved = OutputRange.detect(min, max);
            if (resolved == null) {
                throw new ModelImportException(file, String.format(java.util.Locale.ROOT, "output '%s' ranges over "
                        + "[%.4g, %.4g] on the probe batch: neither [0, 1] nor [-1, 1]", output, min, max),
                        "end the graph with a sigmoid or tanh, or rescale it (docs/generators.md, import rules)");
            }
        }
        GraphGenerator g = new GraphGenerator(file, sd, input, output, latentSize, found, resolved);
        g.mapAndCheck(raw);
        return g;
    }

    private static INDArray run(Path file, SameDiff sd, String input, String output, INDArray z) {
        try {
            INDArray out = sd.output(Map.of(input, z), output).get(output);
            if (out == null) {
                throw new ModelImportException(file, "the graph computed no value for output '" + output + "'", "");
            }
            return out.castTo(DataType.FLOAT);
        } catch (ModelImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelImportException(file, "running the graph on latents [" + z.size(0) + ", " + z.size(1)
                    + "] failed: " + e.getMessage(), "check the input name and the latent size", e);
        }
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    /**
     * SHA-256 of the model file's bytes and the import settings (input, output, latent size, shape, range): what the
     * map is, independent of the thread count that evaluates it.
     *
     * @throws DataIoException if the file can no longer be read
     */
    @Override
    public String digest() {
        MessageDigest sha = SourceDigest.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                sha.update(buffer, 0, r);
            }
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
        sha.update(String.join("\n", input, output, Integer.toString(latentSize), shape.toString(), range.name())
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The range rule in force (UNIT or TANH; AUTO resolved by the probe). */
    OutputRange range() {
        return range;
    }

    @Override
    public synchronized INDArray generate(INDArray z) {
        return mapAndCheck(run(file, sd, input, output, z.castTo(DataType.FLOAT)));
    }

    private INDArray mapAndCheck(INDArray raw) {
        INDArray x = range == OutputRange.TANH ? raw.add(1.0).muli(0.5) : raw.dup();
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        if (!(min >= -OutputRange.TOLERANCE && max <= 1 + OutputRange.TOLERANCE)) {
            throw new NumericalFailureException(file + ": output '" + output + "' mapped by rule " + range, 0,
                    Double.isNaN(min) || Double.isNaN(max) ? Double.NaN : (min < 0 ? min : max),
                    "values must lie in [0, 1] after the mapping (tolerance " + OutputRange.TOLERANCE + "); state "
                            + "the right range=unit|tanh");
        }
        return Transforms.max(Transforms.min(x, 1.0, false), 0.0, false);
    }
}
