package dev.lipschitzw1.critic.estimate;

/**
 * One epoch of training: its learning rate, the mean training objective mean f(P) − mean f(Q) over the epoch's
 * batches (before each update) and the objective on the fixed validation samples after the epoch.
 */
public record EpochRecord(int epoch, double learningRate, double trainObjective, double validationObjective) { }
