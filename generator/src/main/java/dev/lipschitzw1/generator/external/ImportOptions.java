package dev.lipschitzw1.generator.external;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an import needs to know about a user's graph; every field but {@code range} may be null, meaning "read it from
 * the graph" (the single non-constant input, its second dimension, the single output, the probe batch's shape).
 * In a source specification these are query parameters:
 * {@code generator:onnx:model.onnx?input=z&latent=100&output=img&shape=1x28x28&range=tanh}.
 *
 * @param inputName the latent placeholder / graph input
 * @param latentSize d, when the graph does not fix it
 * @param outputName the image output
 * @param shape the image shape C×H×W the output must have
 * @param range the output range rule
 */
public record ImportOptions(String inputName, Integer latentSize, String outputName, ImageShape shape,
                            OutputRange range) {
    /** Everything read from the graph; range AUTO. */
    public static final ImportOptions DEFAULT = new ImportOptions(null, null, null, null, OutputRange.AUTO);

    public ImportOptions {
        InvalidConfigException.require(latentSize == null || latentSize >= 1, "import.latent", latentSize, "≥ 1");
        range = range == null ? OutputRange.AUTO : range;
    }

    /**
     * Parses {@code key=value} pairs joined by {@code &}: input, latent, output, shape (CxHxW), range
     * (auto|unit|tanh).
     *
     * @throws InvalidConfigException naming an unknown key or a malformed value
     */
    public static ImportOptions parse(String query) {
        Map<String, String> kv = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                InvalidConfigException.require(eq > 0, "import option", part, "key=value");
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        for (String key : kv.keySet()) {
            InvalidConfigException.require(java.util.Set.of("input", "latent", "output", "shape", "range").contains(key),
                    "import option", key, "one of input, latent, output, shape, range");
        }
        Integer latent = null;
        if (kv.containsKey("latent")) {
            try {
                latent = Integer.parseInt(kv.get("latent"));
            } catch (NumberFormatException e) {
                throw new InvalidConfigException("import.latent", kv.get("latent"), "an integer ≥ 1");
            }
        }
        ImageShape shape = null;
        if (kv.containsKey("shape")) {
            String[] d = kv.get("shape").split("x");
            InvalidConfigException.require(d.length == 3 && kv.get("shape").matches("\\d+x\\d+x\\d+"), "import.shape",
                    kv.get("shape"), "CxHxW, e.g. 1x28x28");
            shape = new ImageShape(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
        }
        OutputRange range = OutputRange.AUTO;
        if (kv.containsKey("range")) {
            String r = kv.get("range").toUpperCase(java.util.Locale.ROOT);
            InvalidConfigException.require(java.util.Set.of("AUTO", "UNIT", "TANH").contains(r), "import.range",
                    kv.get("range"), "auto, unit or tanh");
            range = OutputRange.valueOf(r);
        }
        return new ImportOptions(kv.get("input"), latent, kv.get("output"), shape, range);
    }
}
