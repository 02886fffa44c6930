/**
 * Image distributions: finite image sets with seeded sampling and disjoint splits, readers for the common formats
 * ({@code io}), named sources ({@link dev.lipschitzw1.datasets.DataSources}) and synthetic pairs with known W1
 * ({@code synthetic}). Images are float NCHW in [0, 1]. Imports nothing from the critic, generator or runner.
 */
package dev.lipschitzw1.datasets;
