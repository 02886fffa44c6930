package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The critics a command line can name: the certified BCOP critic, the paper's baselines RKO, OSSN, GP (WGAN-GP
 * penalty, λ = 10) and LP (one-sided penalty, same λ), and the later 1-Lipschitz convolutions AOL (Prach &amp; Lampert
 * 2022), SOC (Singla &amp; Feizi 2021), SLL (Araujo et al. 2023) and Cayley (Trockman &amp; Kolter 2021).
 * {@link #applyTo} turns a preset into that critic's config.
 */
public enum CriticKind {
    BCOP(CriticConfig.Variant.BCOP), RKO(CriticConfig.Variant.RKO), OSSN(CriticConfig.Variant.OSSN),
    AOL(CriticConfig.Variant.AOL), SOC(CriticConfig.Variant.SOC), SLL(CriticConfig.Variant.SLL),
    CAYLEY(CriticConfig.Variant.CAYLEY), GP(CriticConfig.Variant.GP), LP(CriticConfig.Variant.GP);

    public static final String NAMES = "bcop, rko, ossn, aol, soc, sll, cayley, gp or lp";

    private final CriticConfig.Variant variant;

    CriticKind(CriticConfig.Variant variant) {
        this.variant = variant;
    }

    /** The lower-case name used on the command line, in directories and in result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether its constraint is meant to make it 1-Lipschitz (a penalised critic never is, by construction). */
    public boolean penalised() {
        return this == GP || this == LP;
    }

    /** {@code c} with this critic: its variant (with the variant's activation and padding) and penalty. */
    public EstimatorConfig applyTo(EstimatorConfig c) {
        c = c.withCritic(c.critic().withVariant(variant));
        return this == LP ? c.withPenalty(GradientPenalty.oneSided(GradientPenalty.WGAN_GP.lambda())) : c;
    }

    /** @throws InvalidConfigException naming {@code field} unless {@code name} is one of {@link #NAMES} */
    public static CriticKind parse(String name, String field) {
        for (CriticKind k : values()) {
            if (k.id().equals(name.trim())) {
                return k;
            }
        }
        throw new InvalidConfigException(field, name, NAMES);
    }

    /**
     * A comma-separated list, in its order.
     *
     * @throws InvalidConfigException on an unknown name, a repeated one or an empty list
     */
    public static List<CriticKind> parseList(String list, String field) {
        List<CriticKind> kinds = new ArrayList<>();
        for (String name : list.split(",")) {
            CriticKind k = parse(name, field);
            InvalidConfigException.require(!kinds.contains(k), field, list, "each critic at most once");
            kinds.add(k);
        }
        InvalidConfigException.require(!kinds.isEmpty(), field, list, "a comma-separated list of " + NAMES);
        return kinds;
    }
}
