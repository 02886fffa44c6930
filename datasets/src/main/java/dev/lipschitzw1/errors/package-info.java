/**
 * The toolkit's typed exceptions, shared by every module. Imports nothing from the rest of the project.
 */
package dev.lipschitzw1.errors;
