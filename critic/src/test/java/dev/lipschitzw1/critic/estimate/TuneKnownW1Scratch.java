package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.synthetic.BrightnessShiftPair;
import dev.lipschitzw1.datasets.synthetic.KnownW1Pair;
import dev.lipschitzw1.datasets.synthetic.TranslationPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("scratch")
class TuneKnownW1Scratch {
    static String p(String k, String d) { return System.getProperty(k, d); }

    @Test
    void tune() {
        ImageSet mnist = DataSources.bundledMnistTest().head(Integer.parseInt(p("n", "3000")));
        KnownW1Pair pair = p("pair", "t").equals("t") ? TranslationPair.randomDirection(mnist, Double.parseDouble(p("norm", "2.0")), 5)
                : BrightnessShiftPair.of(mnist, Double.parseDouble(p("c", "0.05")));
        CriticConfig critic = CriticConfig.quick(mnist.shape());
        String opt = p("opt", "rmsprop");
        double lr = Double.parseDouble(p("lr", "2e-3"));
        EstimatorConfig c = new EstimatorConfig("known-w1", critic,
                opt.equals("adam") ? OptimiserConfig.adam(lr) : OptimiserConfig.rmsprop(lr),
                Double.parseDouble(p("gamma", "0.8")), Integer.parseInt(p("epochs", "4")),
                Integer.parseInt(p("steps", "40")), Integer.parseInt(p("batch", "64")),
                Integer.parseInt(p("val", "500")), Integer.parseInt(p("tsize", "1000")), Integer.parseInt(p("seeds", "2")),
                11, true, false, false, null);
        long t0 = System.nanoTime();
        W1Estimate e = new DualW1Estimator(c).withProgress(new ProgressListener() {
            @Override
            public void epoch(String run, EpochRecord r) {
                System.out.printf("TUNE %s epoch %d lr %.2e train %.5f val %.5f  t=%.1fs%n", run, r.epoch(),
                        r.learningRate(), r.trainObjective(), r.validationObjective(), (System.nanoTime() - t0) / 1e9);
            }
        }).estimate(pair.p(), pair.q());
        System.out.printf("TUNE RESULT %s truth %.5f est %.5f err %.3f%% CI [%.5f %.5f] L %.6f seeds %s time %.1fs%n",
                pair.reason(), pair.exactW1(), e.value(), 100 * (e.value() - pair.exactW1()) / pair.exactW1(),
                e.ci95().low(), e.ci95().high(), e.certifiedLipschitz(),
                e.perSeed().stream().map(s -> String.format("%.5f", s.estimate())).toList(), (System.nanoTime() - t0) / 1e9);
    }
}
