package dev.lipschitzw1.critic.ot;

/**
 * Neumaier's compensated summation: the sum of k doubles with an error of O(ε)·Σ|x_i| independent of k (plain
 * summation: O(k·ε)·Σ|x_i|). Used for the total transport cost, a sum of up to n + m − 1 products.
 */
final class CompensatedSum {
    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }
}
