package dev.lipschitzw1.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the toolkit version with the ND4J version, the Java runtime and the platform. */
public final class VersionProvider implements IVersionProvider {
    /** The toolkit version and the ND4J version it was built against, read from the jar. */
    public static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/lipschitzw1/experiments/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.setProperty("version", "unknown (" + e.getMessage() + ")");
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        Properties p = buildInfo();
        return new String[] {
            "w1 (lipschitz-w1) " + p.getProperty("version", "unknown"),
            "ND4J " + p.getProperty("nd4j", "unknown") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch")
        };
    }
}
