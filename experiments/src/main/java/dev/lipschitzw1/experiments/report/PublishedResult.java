package dev.lipschitzw1.experiments.report;

/**
 * A number published by others, printed beside ours for side-by-side reading (never compared numerically by the
 * tool: the settings differ): the critic, its mean ± std over seeds, and where it comes from.
 */
public record PublishedResult(String critic, double mean, double std, String source) { }
