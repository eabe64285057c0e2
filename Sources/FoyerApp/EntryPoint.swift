import ArgumentParser

/// The executable's only call: parses the command line and runs the chosen command.
public enum EntryPoint {
    public static func run() async {
        await FoyerCommand.main()
    }
}
