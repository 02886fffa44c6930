/** Atomic file and directory writes shared by every module; imports nothing from the rest of the project. */
package dev.lipschitzw1.files;
