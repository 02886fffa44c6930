/** Provenance of results: configuration, seed, versions, platform. Imports nothing from the rest of the project. */
package dev.lipschitzw1.provenance;
