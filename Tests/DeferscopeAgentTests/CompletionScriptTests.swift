import Testing

/// Shell completion scripts, as the README tells users to install them.
struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func theScriptForEachShellKnowsEveryCommandAndItsOptions(shell: String) throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope(["--generate-completion-script", shell], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        for command in ["attach", "list", "demo", "replay", "dump", "record", "check", "themes", "relay"] {
            #expect(run.output.contains(command), "the \(shell) script lacks \(command)")
        }
        // fish writes option names without their dashes.
        for option in ["max-pending-age", "ssh-command", "theme", "follow"] {
            #expect(run.output.contains(option), "the \(shell) script lacks \(option)")
        }
    }
}
