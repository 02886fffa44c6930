package dev.lipschitzw1.examples;

import dev.lipschitzw1.critic.estimate.*;
import dev.lipschitzw1.datasets.*;

public class EstimateW1 {
    public static void main(String[] args) {
        ImageSet real = DataSources.bundledMnistTest();
        ImageDistribution fake = DataSources.resolve("generator:mnist", SourceOptions.DEFAULT);
        EstimatorConfig config = EstimatorConfig.quick(real.shape()).withSeeds(3, 42);
        W1Estimate w1 = new DualW1Estimator(config).withParallelism(Parallelism.allCores()).estimate(real, fake);
        System.out.println(w1.summary());
    }
}
