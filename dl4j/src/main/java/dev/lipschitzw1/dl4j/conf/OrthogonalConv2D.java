package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.conv.OrthogonalConvs;
import dev.lipschitzw1.critic.layers.conv.OrthogonalConvs.Construction;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Objects;

/**
 * A stride-1 "same" convolution C×H×W → nOut×H×W whose kernel is constrained by one of the engine's constructions
 * ({@link OrthogonalConvs#conv}): BCOP (orthogonal, certified 1), RKO (certified ≤ 1), OSSN (spectral normalisation,
 * certified after the fact) or PLAIN (unconstrained),
 * <pre>  y[o, i, j] = b[o] + Σ_{c,p,q} K[o, c, p, q] · x[c, i + p − ⌊k/2⌋, j + q − ⌊k/2⌋]  </pre>
 * with indices taken modulo H, W (circular padding, the default: the certified bound is then exact) or reading 0
 * (zero padding). For a strided layer put a {@link PixelUnshuffleLayer} of factor s before a convolution of kernel k/s
 * (the engine's dispatch rule). OSSN runs one power iteration per training iteration and keeps its vectors u, v as
 * saved, untrained state; only its {@link OssnConfig.Mode#IN_FORWARD} mode is available (DL4J has no hook after the
 * optimiser step that IN_PLACE needs).
 */
public final class OrthogonalConv2D extends LipschitzLayerConfig {

    private Construction construction = Construction.BCOP;
    private int outChannels;
    private int kernelSize;
    private Padding padding = Padding.CIRCULAR;
    private boolean hasBias = true;
    private BjorckSettings bjorck = BjorckSettings.of(BjorckConfig.TRAINING);
    private int ossnPowerIterations = OssnConfig.DEFAULT.powerIterations();

    /** For JSON. */
    protected OrthogonalConv2D() {
    }

    /**
     * @throws InvalidConfigException if nOut or kernelSize is below 1
     */
    public OrthogonalConv2D(Construction construction, int nOut, int kernelSize) {
        InvalidConfigException.require(construction != null, "construction", null, "BCOP, RKO, OSSN or PLAIN");
        InvalidConfigException.require(nOut >= 1, "nOut", nOut, "≥ 1");
        InvalidConfigException.require(kernelSize >= 1, "kernelSize", kernelSize, "≥ 1");
        this.construction = construction;
        this.outChannels = nOut;
        this.kernelSize = kernelSize;
    }

    /** A BCOP convolution (orthogonal kernel). */
    public static OrthogonalConv2D bcop(int nOut, int kernelSize) {
        return new OrthogonalConv2D(Construction.BCOP, nOut, kernelSize);
    }

    /** An RKO convolution (Björck on the reshaped kernel). */
    public static OrthogonalConv2D rko(int nOut, int kernelSize) {
        return new OrthogonalConv2D(Construction.RKO, nOut, kernelSize);
    }

    /** An OSSN convolution (one-sided spectral normalisation). */
    public static OrthogonalConv2D ossn(int nOut, int kernelSize) {
        return new OrthogonalConv2D(Construction.OSSN, nOut, kernelSize);
    }

    /** Circular (default) or zero padding. */
    public OrthogonalConv2D padding(Padding p) {
        InvalidConfigException.require(p != null, "padding", null, "CIRCULAR or ZERO");
        this.padding = p;
        return this;
    }

    /** With or without a bias (default with). */
    public OrthogonalConv2D bias(boolean b) {
        this.hasBias = b;
        return this;
    }

    /** Björck settings of BCOP and RKO (default {@link BjorckConfig#TRAINING}). */
    public OrthogonalConv2D bjorck(BjorckConfig b) {
        this.bjorck = BjorckSettings.of(b);
        return this;
    }

    /** OSSN's power-iteration steps per training iteration (default 1). */
    public OrthogonalConv2D ossnPowerIterations(int n) {
        InvalidConfigException.require(n >= 1, "ossnPowerIterations", n, "≥ 1");
        this.ossnPowerIterations = n;
        return this;
    }

    public Construction getConstruction() {
        return construction;
    }

    public int getOutChannels() {
        return outChannels;
    }

    public int getKernelSize() {
        return kernelSize;
    }

    public Padding getPadding() {
        return padding;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    public BjorckSettings getBjorck() {
        return bjorck;
    }

    public int getOssnPowerIterations() {
        return ossnPowerIterations;
    }

    @Override
    public LipschitzLayer engineLayer(String name, long seed) {
        OrthogonalConvs.Settings s = new OrthogonalConvs.Settings(padding, hasBias, bjorck.toConfig(),
                new OssnConfig(ossnPowerIterations, OssnConfig.Mode.IN_FORWARD));
        return OrthogonalConvs.conv(construction, name, requireInputShape(), outChannels, kernelSize, s, seed);
    }

    @Override
    protected Boolean convolutional() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof OrthogonalConv2D c && construction == c.construction && outChannels == c.outChannels
                && kernelSize == c.kernelSize && padding == c.padding && hasBias == c.hasBias
                && Objects.equals(bjorck, c.bjorck) && ossnPowerIterations == c.ossnPowerIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), construction, outChannels, kernelSize, padding, hasBias, bjorck,
                ossnPowerIterations);
    }
}
