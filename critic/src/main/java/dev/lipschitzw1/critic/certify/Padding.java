package dev.lipschitzw1.critic.certify;

/**
 * Boundary handling of a stride-1 "same" convolution (output map = input map, h×w), with b = ⌊k/2⌋ rows/columns of
 * padding before and k − 1 − b after on each axis (LConvNet's convention; k = 2: one before, none after).
 */
public enum Padding {
    /** Indices wrap modulo the map size: the operator is block-circulant, exactly diagonalised by the 2-D DFT. */
    CIRCULAR,
    /** Out-of-map inputs read as 0: a cropped restriction of the circular operator on the (h+k−1)×(w+k−1) grid. */
    ZERO
}
