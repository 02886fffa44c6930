package dev.lipschitzw1.datasets.io;

/**
 * Allocation bounds every reader enforces before it trusts a size read from a file, so that a corrupt or hostile
 * header yields a {@link dev.lipschitzw1.errors.CorruptDataException} instead of an {@link OutOfMemoryError} or a
 * {@link NegativeArraySizeException}.
 */
final class ReadLimits {
    /** Largest byte array the readers create: 2³¹ − 9 = 2,147,483,639 bytes (HotSpot refuses slightly larger ones). */
    static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Largest buffer allocated up front from a length the data have not yet proved (a gzip or other stream of unknown
     * length): 64 MiB. Longer payloads grow by doubling as bytes actually arrive, so a header that promises 2 GB
     * followed by 100 bytes costs 64 MiB at most.
     */
    static final int MAX_UNPROVEN_ALLOCATION = 1 << 26;

    /** Size of one read call: 1 MiB. */
    static final int CHUNK_BYTES = 1 << 20;

    private ReadLimits() {
    }
}
