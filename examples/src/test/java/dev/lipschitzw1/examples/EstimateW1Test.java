package dev.lipschitzw1.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.estimate.DualW1Estimator;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example is the README's code (so the README's example compiles, being this module's source), and its calls
 * work from a plain dependency on the library: the shipped generator resolves through the SPI and the estimate is
 * certified. The full quick-preset run takes minutes, so the calls run here on a two-step schedule.
 */
class EstimateW1Test {
    private static final Path EXAMPLE = Path.of("src/main/java/dev/lipschitzw1/examples/EstimateW1.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void readmeShowsExactlyTheExampleSource() throws Exception {
        String source = Files.readString(EXAMPLE).replaceFirst("package [\\w.]+;\\s*", "").strip();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertTrue(block.find(), "README has a java block");
        assertEquals(source, block.group(1).strip(), "README's Java example = examples/" + EXAMPLE.getFileName());
        assertTrue(source.lines().count() <= 15, "the example stays within 15 lines");
    }

    @Test
    void exampleCalls_runOnTheLibraryAloneAndAreCertified() {
        ImageSet real = DataSources.bundledMnistTest();
        ImageDistribution fake = DataSources.resolve("generator:mnist", SourceOptions.DEFAULT);
        EstimatorConfig tiny = EstimatorConfig.quick(real.shape()).withSeeds(2, 42).withSchedule(1, 2, 0.8)
                .withSamples(16, 32, 64);
        W1Estimate w1 = new DualW1Estimator(tiny).estimate(real, fake);
        assertTrue(w1.certified() && w1.certifiedLipschitz() <= 1 + 1e-4, w1.summary());
        assertTrue(Double.isFinite(w1.value()) && w1.perSeed().size() == 2, w1.summary());
        assertTrue(w1.summary().contains("certified L"), w1.summary());
    }
}
