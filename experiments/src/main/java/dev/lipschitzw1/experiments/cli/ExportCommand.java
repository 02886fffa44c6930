package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.dl4j.export.CriticExport;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 export CRITIC --out FILE}: writes a saved critic as a plain DL4J network of standard layers with the
 * materialised kernels ({@link CriticExport}; docs/dl4j.md), which any DL4J program loads with
 * {@code ModelSerializer.restoreComputationGraph} and {@code w1 certify} certifies. The critic is the one file given, or
 * the one critic a directory names by {@code w1 certify}'s rule ({@link CertifyCommand#locate}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a saved critic as a plain DL4J network (standard layers, materialised kernels).",
            "CRITIC is a critic file (Critic.save) or a directory naming exactly one critic (as `w1 certify` reads it).",
            "Exit codes: 0 written, 1 unexpected failure, 2 usage (e.g. --out exists without --overwrite, or the "
                + "directory names several critics), 3 unreadable or corrupt critic."})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CRITIC", description = "A critic file or a directory with one critic.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The export file to write (a DL4J "
            + "model zip).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !overwrite) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), out + " exists: pass --overwrite "
                    + "to replace it");
        }
        List<CertifyCommand.Located> critics = CertifyCommand.locate(input);
        if (critics.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), input + " names " + critics.size()
                    + " critics: pass one critic file (e.g. " + critics.get(0).file() + ")");
        }
        Path file = critics.get(0).file();
        if (CriticExport.isExport(file)) {
            throw new InvalidConfigException("CRITIC", file, "a critic saved by Critic.save, not a plain-network export");
        }
        Critic critic = Critic.load(file);
        CriticExport.write(critic, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("exported " + file + " → " + out + " (DL4J ComputationGraph, " + critic.materialise().size()
                + " materialised layers; `w1 certify " + out + "` certifies it)");
        w.flush();
        return ExitCodes.OK;
    }
}
