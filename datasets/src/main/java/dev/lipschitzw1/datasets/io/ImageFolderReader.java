package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads every image of one folder through {@code javax.imageio}, so PNG, JPEG, BMP, GIF, TIFF and WBMP work out of the
 * box and any format whose ImageIO plug-in (SPI) is on the class path works too.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Only the folder itself is read (not sub-folders); regular files are taken in file-name order
 *       ({@link String#compareTo}, i.e. by UTF-16 code units), so the result is the same on every machine.</li>
 *   <li>A file is an image if its extension (case-insensitive) is one of png, jpg, jpeg, bmp, gif, tif, tiff, wbmp
 *       or a suffix an installed ImageIO reader declares, or else if an ImageIO reader recognises its content. Other
 *       files (README.txt, .DS_Store, …) are skipped. An image that fails to decode, or whose decoder reports a
 *       warning (e.g. a truncated JPEG, which ImageIO would otherwise return half grey), is an error, never skipped.</li>
 *   <li>Every image must be exactly target.width × target.height: there is no resizing, cropping or padding. The
 *       size is checked from the header before the pixels are decoded.</li>
 *   <li>Channels are converted to target.channels (1 or 3) by {@link ChannelConversion}: gray from colour by
 *       BT.601 luma Y = round(0.299·R + 0.587·G + 0.114·B), colour from gray by replication, alpha dropped,
 *       samples of more than 8 bits scaled to 8. Multi-frame files (GIF, TIFF) contribute their first frame.</li>
 *   <li>A folder with no image is an error, not an empty set.</li>
 * </ol>
 * Pixel value = byte / 255. A file truncated after its last pixel (e.g. a PNG that lacks only its checksum and end
 * chunk) decodes to complete pixels and is accepted; formats without checksums (BMP, TIFF) cannot reveal corrupted
 * pixel values.
 *
 * <p>Errors: {@link CorruptDataException} naming the image (or, for "no images", the folder), the value found and
 * expected; {@link DataIoException} when the folder or a file cannot be read. Nothing is returned partially filled.
 */
public final class ImageFolderReader {
    /** Extensions always treated as images (lower case), besides those of installed ImageIO readers. */
    public static final Set<String> IMAGE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "wbmp");

    private ImageFolderReader() {
    }

    /**
     * Reads all images of {@code dir} by the rules above.
     *
     * @param dir the folder; only its own regular files are read
     * @param target the shape every image must have; channels 1 (gray) or 3 (RGB)
     * @return the images in file-name order, shape {@code target}, named after the folder
     * @throws InvalidConfigException if target.channels is not 1 or 3, or the images exceed one in-memory array
     * @throws CorruptDataException if an image does not decode, has another size, or the folder holds no image
     * @throws DataIoException if the folder is missing, not a folder, or a file cannot be read
     */
    public static ByteImageSet read(Path dir, ImageShape target) {
        InvalidConfigException.require(target.channels() == 1 || target.channels() == 3, "target.channels",
                target.channels(), "1 (gray) or 3 (RGB)");
        List<Path> files = listFiles(dir);
        Set<String> suffixes = imageSuffixes();
        List<byte[]> images = new ArrayList<>();
        long maxImages = ReadLimits.MAX_ARRAY_BYTES / target.values();
        for (Path file : files) {
            byte[] image = readImage(file, suffixes.contains(extension(file)), target);
            if (image != null) {
                InvalidConfigException.require(images.size() < maxImages, "dir", dir,
                        "a folder of at most " + maxImages + " images of " + target
                                + " (one in-memory array of 2³¹ − 9 bytes)");
                images.add(image);
            }
        }
        if (images.isEmpty()) {
            throw new CorruptDataException(dir, -1, "image count", "0 images among " + files.size() + " files",
                    "at least one image javax.imageio can decode (extensions " + suffixes + ")");
        }
        byte[] pixels = new byte[images.size() * target.values()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * target.values(), target.values());
        }
        return new ByteImageSet(DataFiles.fileName(dir), target, pixels);
    }

    private static List<Path> listFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new DataIoException(dir, "list directory", e);
        }
        files.sort(Comparator.comparing(DataFiles::fileName));
        return files;
    }

    /** The image's CHW bytes, or null if the file is not an image (no image extension, no reader claims it). */
    private static byte[] readImage(Path file, boolean imageExtension, ImageShape target) {
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
        try (ImageInputStream closing = in) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                if (imageExtension) {
                    throw new CorruptDataException(file, -1, "image data", "no javax.imageio reader recognises it",
                            "a valid ." + extension(file) + " image");
                }
                return null;
            }
            return decode(readers.next(), in, file, target);
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
    }

    private static byte[] decode(ImageReader reader, ImageInputStream in, Path file, ImageShape target) {
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            reader.setInput(in, true, true);
            checkSize(file, reader.getWidth(0), reader.getHeight(0), target);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new CorruptDataException(file, -1, format + " image data",
                        "decoder warning \"" + warnings.get(0) + "\"", "a complete, valid " + format + " image");
            }
            checkSize(file, image.getWidth(), image.getHeight(), target);
            return ChannelConversion.toChw(image, target.channels());
        } catch (W1Exception e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO decoders report corrupt input as IIOException and, for some inputs, as runtime exceptions
            // (IllegalArgumentException, IndexOutOfBoundsException, …): both mean the file is not a valid image.
            throw new CorruptDataException(file, -1, format + " image data", "undecodable (" + e + ")",
                    "a valid " + format + " image", e);
        } finally {
            reader.dispose();
        }
    }

    private static void checkSize(Path file, int width, int height, ImageShape target) {
        if (width != target.width() || height != target.height()) {
            throw new CorruptDataException(file, -1, "image size W×H", width + "×" + height,
                    target.width() + "×" + target.height() + " (the declared target size; images are not resized)");
        }
    }

    private static Set<String> imageSuffixes() {
        Set<String> suffixes = new TreeSet<>(IMAGE_EXTENSIONS);
        for (String suffix : ImageIO.getReaderFileSuffixes()) {
            suffixes.add(suffix.toLowerCase(Locale.ROOT));
        }
        return suffixes;
    }

    private static String extension(Path file) {
        String name = DataFiles.fileName(file);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }
}
