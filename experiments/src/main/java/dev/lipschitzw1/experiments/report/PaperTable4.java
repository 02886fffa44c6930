package dev.lipschitzw1.experiments.report;

import java.util.List;

/**
 * The authors' published W1 lower bounds (Li et al., NeurIPS 2019, Table 4, MaxMin critics; mean ± std over 5 seeds;
 * docs/reproduce.md): real images vs samples of their WGAN-GP generator, critics on images nearest-upsampled to 64×64. There
 * is no MNIST or Fashion-MNIST run in their work.
 */
public final class PaperTable4 {
    static final String SOURCE = "Li et al., NeurIPS 2019, Table 4 (MaxMin critics, their WGAN-GP generator, "
            + "mean ± std over 5 seeds)";

    private PaperTable4() {
    }

    /** The MaxMin rows for {@code dataset} ({@code cifar10} or {@code stl10}); empty for any other data set. */
    public static List<PublishedResult> maxMin(String dataset) {
        return switch (dataset) {
            case "cifar10" -> List.of(new PublishedResult("bcop", 5.34, 0.07, SOURCE + ", CIFAR-10"),
                    new PublishedResult("rko", 4.95, 0.08, SOURCE + ", CIFAR-10"),
                    new PublishedResult("ossn", 3.29, 0.05, SOURCE + ", CIFAR-10"));
            case "stl10" -> List.of(new PublishedResult("bcop", 9.91, 0.11, SOURCE + ", STL-10"),
                    new PublishedResult("rko", 8.95, 0.12, SOURCE + ", STL-10"),
                    new PublishedResult("ossn", 7.39, 0.31, SOURCE + ", STL-10"));
            default -> List.of();
        };
    }
}
