package dev.lipschitzw1.critic.layers.conv.cayley;

/**
 * The Cayley transform of a complex m×r matrix Z as Trockman &amp; Kolter use it, with its backward pass. For m ≥ r,
 * with U the first r rows and V the rest,
 * <pre>
 *   A = U − Uᴴ + VᴴV,   M = I + A,   Q = [ M⁻¹(I − A) ; −2 V M⁻¹ ]
 * </pre>
 * the Cayley transform of the skew-Hermitian matrix [[U − Uᴴ, −Vᴴ], [V, 0]] restricted to its first r columns: Q has
 * orthonormal columns (QᴴQ = I). For m &lt; r, Q = cayley(Zᵀ)ᵀ (plain transpose), which has orthonormal rows. Gradients
 * use the convention G = ∂L/∂Re + i·∂L/∂Im, under which Z = XY gives G_X = G_Z Yᴴ, G_Y = Xᴴ G_Z, and Z = M⁻¹ gives
 * G_M = −Zᴴ G_Z Zᴴ.
 */
final class CayleyTransform {

    private final boolean wide;
    private final ComplexMatrix v;
    private final ComplexMatrix a;
    private final ComplexMatrix inverse;
    private final ComplexMatrix q;

    private CayleyTransform(boolean wide, ComplexMatrix v, ComplexMatrix a, ComplexMatrix inverse, ComplexMatrix q) {
        this.wide = wide;
        this.v = v;
        this.a = a;
        this.inverse = inverse;
        this.q = q;
    }

    static CayleyTransform of(ComplexMatrix z) {
        boolean wide = z.rows < z.cols;
        ComplexMatrix tall = wide ? z.transpose() : z;
        int r = tall.cols;
        ComplexMatrix u = tall.rows(0, r);
        ComplexMatrix v = tall.rows(r, tall.rows);
        ComplexMatrix a = u.minus(u.adjoint()).plus(v.adjoint().times(v));
        ComplexMatrix identity = ComplexMatrix.identity(r);
        ComplexMatrix inverse = identity.plus(a).inverse();
        ComplexMatrix q = inverse.times(identity.minus(a)).stack(v.times(inverse).scale(-2));
        return new CayleyTransform(wide, v, a, inverse, wide ? q.transpose() : q);
    }

    /** Q, m×r. */
    ComplexMatrix q() {
        return q;
    }

    /** G_Z for G_Q (both m×r). */
    ComplexMatrix backward(ComplexMatrix gradQ) {
        ComplexMatrix g = wide ? gradQ.transpose() : gradQ;
        int r = inverse.rows;
        ComplexMatrix gTop = g.rows(0, r);
        ComplexMatrix gBottom = g.rows(r, g.rows);
        ComplexMatrix identity = ComplexMatrix.identity(r);
        ComplexMatrix invH = inverse.adjoint();
        // Q_top = M⁻¹(I − A), Q_bottom = −2 V M⁻¹.
        ComplexMatrix gInverse = gTop.times(identity.minus(a).adjoint()).minus(v.adjoint().times(gBottom).scale(2));
        ComplexMatrix gA = invH.times(gTop).scale(-1);
        ComplexMatrix gV = gBottom.times(invH).scale(-2);
        gA = gA.minus(invH.times(gInverse).times(invH));
        // A = U − Uᴴ + VᴴV.
        ComplexMatrix gU = gA.minus(gA.adjoint());
        gV = gV.plus(v.times(gA.plus(gA.adjoint())));
        ComplexMatrix gz = gU.stack(gV);
        return wide ? gz.transpose() : gz;
    }
}
