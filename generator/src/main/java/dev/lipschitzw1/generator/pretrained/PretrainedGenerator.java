package dev.lipschitzw1.generator.pretrained;

/**
 * One shipped generator, as listed in the manifest.
 *
 * @param dataset the data it was trained on: {@code mnist} or {@code fashion-mnist}
 * @param level its place in the ladder: {@code early}, {@code middle} or {@code final}
 * @param file the generator file's name next to the manifest
 * @param sha256 the file's SHA-256 (lower-case hex), checked at load
 * @param steps generator steps trained
 * @param trainingSeconds wall time of training up to this checkpoint
 * @param seed the run's root seed
 * @param config the committed job config that trained it (the full config is also inside the file)
 * @param data what it saw: the source and the number of real images drawn
 */
public record PretrainedGenerator(String dataset, String level, String file, String sha256, int steps,
                                  double trainingSeconds, long seed, String config, String data) {
    /** The source specification that opens it, e.g. {@code generator:mnist@final}. */
    public String source() {
        return "generator:" + dataset + "@" + level;
    }
}
