package dev.lipschitzw1.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ImageSet#split} and {@link ImageSet#sample}: disjoint and covering parts, determinism for a seed, change with
 * the seed. Image i's first pixel is i/255, so every image of a part can be traced back to its index.
 */
class ImageSetSplitTest {
    private static final int N = 200;
    private static final ImageSet SET = indexedSet(N);

    @Test
    void split_partsAreDisjointAndCoverEveryImage() {
        ImageSet.Split split = SET.split(0.25, 7);
        int[] train = indices(split.train());
        int[] held = indices(split.heldOut());
        assertEquals(50, held.length, "held-out = round(200·0.25)");
        assertEquals(150, train.length);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(train).forEach(all::add);
        Arrays.stream(held).forEach(i -> assertTrue(all.add(i), "image " + i + " in both parts"));
        assertEquals(N, all.size(), "every image in one part");
        assertEquals("indexed/train", split.train().name());
        assertEquals("indexed/held-out", split.heldOut().name());
    }

    @Test
    void split_sameSeed_identicalParts() {
        ImageSet.Split a = SET.split(0.3, 11);
        ImageSet.Split b = SET.split(0.3, 11);
        assertArrayEquals(indices(a.train()), indices(b.train()));
        assertArrayEquals(indices(a.heldOut()), indices(b.heldOut()));
    }

    @Test
    void split_otherSeed_differentParts() {
        int[] a = indices(SET.split(0.3, 11).heldOut());
        int[] b = indices(SET.split(0.3, 12).heldOut());
        assertFalse(Arrays.equals(a, b), "seeds 11 and 12 give the same held-out part");
        Arrays.sort(a);
        Arrays.sort(b);
        assertFalse(Arrays.equals(a, b), "seeds 11 and 12 hold out the same images");
    }

    @Test
    void split_isNotThePrefix_shuffled() {
        int[] held = indices(SET.split(0.5, 3).heldOut());
        Arrays.sort(held);
        int[] lastHalf = new int[N / 2];
        Arrays.setAll(lastHalf, i -> N / 2 + i);
        assertFalse(Arrays.equals(lastHalf, held), "held-out part is a contiguous block");
    }

    @Test
    void split_fractionOutOfRangeOrEmptyPart_invalidConfig() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SET.split(f, 1));
            assertEquals("split.heldOutFraction", e.key());
        }
        assertThrows(InvalidConfigException.class, () -> indexedSet(3).split(0.1, 1), "round(0.3) = 0 held out");
    }

    @Test
    void sample_sameSeed_identicalBatch_otherSeedDiffers() {
        INDArray a = SET.sample(64, new SplittableRandom(5));
        INDArray b = SET.sample(64, new SplittableRandom(5));
        INDArray c = SET.sample(64, new SplittableRandom(6));
        assertArrayEquals(new long[] {64, 1, 1, 2}, a.shape());
        assertEquals(a, b, "same seed, same batch");
        assertNotEquals(a, c, "another seed, another batch");
        for (int i = 0; i < 64; i++) {
            double first = a.getDouble(i, 0, 0, 0);
            int index = (int) Math.round(first * 255);
            assertEquals(index / 255.0, first, 1e-6, "sample " + i + " is an image of the set");
            assertEquals(1.0 - index / 255.0, a.getDouble(i, 0, 0, 1), 1e-6, "sample " + i + " second pixel");
        }
    }

    @Test
    void subsample_distinctImagesOfTheSet_deterministic_allWhenNEqualsSize() {
        int[] a = indices(SET.subsample(60, new SplittableRandom(9)));
        assertArrayEquals(a, indices(SET.subsample(60, new SplittableRandom(9))), "same seed, same images");
        assertFalse(Arrays.equals(a, indices(SET.subsample(60, new SplittableRandom(10)))), "another seed");
        assertEquals(60, Arrays.stream(a).distinct().count(), "no image drawn twice");
        int[] all = indices(SET.subsample(N, new SplittableRandom(9)));
        Arrays.sort(all);
        int[] identity = new int[N];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, all, "n = size draws every image once");
        for (int n : new int[] {0, -1, N + 1}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> SET.subsample(n, new SplittableRandom(1)));
            assertEquals("subsample.n", e.key());
        }
    }

    /** Image i (of n ≤ 256) is 1×1×2 with pixels (i, 255 − i) / 255. */
    private static ImageSet indexedSet(int n) {
        byte[] pixels = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) (255 - i);
        }
        return new ByteImageSet("indexed", new ImageShape(1, 1, 2), pixels);
    }

    /** The original index of every image of a part, in the part's order. */
    private static int[] indices(ImageSet part) {
        int[] out = new int[part.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(part.imageAsDoubles(i)[0] * 255);
        }
        return out;
    }
}
