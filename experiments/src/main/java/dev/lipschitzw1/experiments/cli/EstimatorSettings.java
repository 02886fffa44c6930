package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The settings of one {@code w1 estimate} as data: preset, critic name ({@link CriticKind}), the estimator options
 * exactly as {@code estimate} accepts them ({@link EstimatorOptions}, e.g. {@code {"epochs": 2, "steps-per-epoch":
 * 10}}: option name without its dashes → value, {@code true} for a flag) and whether to give a baseline report.
 * {@link #configFor} builds the {@link EstimatorConfig} the way {@code estimate} does (the same code), so that a run
 * described by these settings is the run {@code estimate} makes from the equivalent command line.
 *
 * @param preset         quick or paper
 * @param critic         one of {@link CriticKind#NAMES}
 * @param options        {@link EstimatorOptions} by long name without "--", in order
 * @param baselineReport report an uncertified critic as raw, L and raw / L instead of refusing it
 */
public record EstimatorSettings(String preset, String critic, Map<String, Object> options, boolean baselineReport) {
    /** The shape the settings are checked against before any source is opened ({@link #validate}). */
    private static final ImageShape PROBE = new ImageShape(1, 28, 28);

    public EstimatorSettings {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** The critic named by {@link #critic}. @throws InvalidConfigException naming "critic" if unknown */
    public CriticKind criticKind() {
        return CriticKind.parse(critic, "critic");
    }

    /**
     * Checks everything that can be checked without the sources (the preset and critic names, each option's name and
     * value, a penalised critic without a baseline report) by building the config for 1×28×28 inputs.
     *
     * @throws InvalidConfigException naming the option ({@code --epochs}, …), {@code --preset} or {@code critic}
     */
    public void validate() {
        build(EstimatorOptions.preset(preset, PROBE), null, null);
    }

    /**
     * The config {@code estimate} would train for P and Q with these settings: the preset for P's shape, the critic,
     * the options (sample sizes fitted to finite sources), the baseline-report flag; refused up front if it could never
     * be certified.
     */
    public EstimatorConfig configFor(ImageDistribution p, ImageDistribution q) {
        return build(EstimatorOptions.preset(preset, p.shape()), p, q);
    }

    private EstimatorConfig build(EstimatorConfig presetConfig, ImageDistribution p, ImageDistribution q) {
        return config(presetConfig, criticKind(), parse(options), baselineReport, p, q);
    }

    /**
     * The one way a preset becomes an estimate's config (used by {@code estimate} and by every settings object):
     * critic, then the options, then the baseline-report flag, then the check that it can be certified. With p and q
     * null the sample sizes are taken as given (no source to fit them to).
     */
    static EstimatorConfig config(EstimatorConfig preset, CriticKind critic, EstimatorOptions options,
                                  boolean baselineReport, ImageDistribution p, ImageDistribution q) {
        EstimatorConfig c = critic.applyTo(preset);
        c = p == null ? options.apply(c, List.of()) : options.apply(c, List.of(p, q));
        c = c.withFlags(c.keepBest(), c.sameDistributionFloor(), baselineReport);
        c.requireCertifiable();   // a critic that would be refused after training is refused before any work
        return c;
    }

    /** The options as picocli parses {@code estimate}'s command line. @throws InvalidConfigException naming one */
    private static EstimatorOptions parse(Map<String, Object> options) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Boolean flag) {
                if (flag) {
                    args.add("--" + e.getKey());
                }
            } else {
                args.add("--" + e.getKey());
                args.add(String.valueOf(v));
            }
        }
        Holder holder = new Holder();
        CommandLine cli = new CommandLine(holder);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String name = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            throw new InvalidConfigException(name, options.get(name.replaceFirst("^--", "")), "one of "
                    + String.join(", ", cli.getCommandSpec().optionsMap().keySet()));
        } catch (CommandLine.ParameterException e) {
            String name = e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() : "option";
            throw new InvalidConfigException(name, e.getValue(), e.getMessage());
        }
        return holder.options;
    }

    /** The command that {@link #parse} parses with: {@code estimate}'s estimator options only. */
    @Command(name = "options")
    static final class Holder {
        @Mixin
        EstimatorOptions options;
    }
}
