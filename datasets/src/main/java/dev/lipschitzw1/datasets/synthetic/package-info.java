/**
 * Synthetic pairs of image distributions with known Wasserstein-1 distance (translation, brightness shift,
 * Dirac mixtures on equidistant atoms, one-dimensional laws on a line, funnel pairs with a known non-linear optimal
 * critic) and seeded smooth random images to build them on: the estimator's validation suite.
 * Imports only the datasets core (with its ND4J arrays), the errors package and Commons Math.
 */
package dev.lipschitzw1.datasets.synthetic;
