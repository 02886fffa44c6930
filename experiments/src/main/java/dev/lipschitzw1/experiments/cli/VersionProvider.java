package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.experiments.backend.NativeBuildStartup;
import dev.lipschitzw1.provenance.Provenance;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the toolkit version with the ND4J version, the Java runtime, the platform and the selected native build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = Provenance.buildProperties();
        String nativeBuild = NativeBuildStartup.describe();
        return new String[] {
            "w1 (lipschitz-w1) " + p.getProperty("version", "unknown"),
            "ND4J " + p.getProperty("nd4j", "unknown") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"),
            "nd4j-native build: " + (nativeBuild == null ? "not selected (not started by W1Main)" : nativeBuild)
        };
    }
}
