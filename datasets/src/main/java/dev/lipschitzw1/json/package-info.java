/**
 * The JSON number rule shared by every module that writes or reads JSON ({@link dev.lipschitzw1.json.JsonMappers}:
 * non-finite numbers as null, null read back as NaN). Imports Jackson and nothing from the rest of the project.
 */
package dev.lipschitzw1.json;
