/**
 * Synthetic pairs of image distributions with known Wasserstein-1 distance (translation, brightness shift,
 * Dirac mixtures on equidistant atoms, one-dimensional laws on a line): the estimator's validation suite.
 * Imports only the datasets core and Commons Math.
 */
package dev.lipschitzw1.datasets.synthetic;
