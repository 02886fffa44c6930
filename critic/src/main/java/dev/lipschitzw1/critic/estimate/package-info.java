/**
 * The dual W1 estimator: training a certified critic on P vs Q, selection on validation samples, the held-out
 * estimate with its t-interval over seeds, the same-distribution floor, refusal of uncertified critics, and
 * checkpoints that resume bit-identically. Uses the critic network and certification; must not import generators,
 * the runner or reporting.
 */
package dev.lipschitzw1.critic.estimate;
