package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.errors.CheckpointMismatchException;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NotCertifiedException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.experiments.backend.MemoryPolicy;
import dev.lipschitzw1.experiments.backend.NativeBuildStartup;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code java -jar w1.jar}: the subcommands, one-line errors and documented exit codes. */
@Command(name = "w1", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Wasserstein-1 distances between image distributions with certified 1-Lipschitz critics.",
        subcommands = {EstimateCommand.class, CompareCommand.class, ReproduceCommand.class, CertifyCommand.class,
            ExportCommand.class, ExactCommand.class, DataCommand.class, SweepCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class W1Main implements Runnable {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On error, print the full stack trace as well as the one-line message.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line configured like the jar's (used by tests through {@link CommandLine#execute}). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new W1Main());
        cli.setExecutionExceptionHandler(W1Main::handle);
        cli.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? ExitCodes.USAGE : exitCode(t));
        // Every command's --help ends with the exit codes, from one list (ExitCodes).
        for (CommandLine c : withSubcommands(cli)) {
            c.getCommandSpec().usageMessage().footerHeading(ExitCodes.HELP_HEADING).footer(ExitCodes.HELP_FOOTER);
        }
        return cli;
    }

    private static java.util.List<CommandLine> withSubcommands(CommandLine cli) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(cli));
        cli.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
        return all;
    }

    public static void main(String[] args) {
        // First, before any ND4J or JavaCPP class loads: the memory policy, then which nd4j-native build
        // (docs/backends.md).
        MemoryPolicy.configure();
        OptionalInt rerun = NativeBuildStartup.select(args, W1Main.class.getName());
        if (rerun.isPresent()) {
            System.exit(rerun.getAsInt());
        }
        System.exit(commandLine().execute(args));
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    /** The documented exit code of an error ({@link ExitCodes}). */
    public static int exitCode(Throwable e) {
        if (e instanceof InvalidConfigException || e instanceof ShapeMismatchException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof SourceNotFoundException || e instanceof CorruptDataException
                || e instanceof CheckpointMismatchException) {
            return ExitCodes.DATA;
        }
        if (e instanceof NotCertifiedException) {
            return ExitCodes.NOT_CERTIFIED;
        }
        return ExitCodes.FAILURE;
    }
}
