import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The dashboard commands without a terminal: one picture as text, clear errors.
@Suite(.serialized) struct DashboardCommandTests {
    @Test func attachWithoutATerminalPrintsOnePictureAsText() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 3 plain")
        try app.send("nest outer")
        let run = try runDeferscope(["attach", String(app.pid)], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("DeferscopeTestA \(app.pid)"))
        #expect(run.output.contains("live"))
        #expect(run.output.contains("Pending 5"))
        #expect(run.output.contains("plain"))
        #expect(run.output.contains("outer.inner' not fired"))
        #expect(!run.output.contains("\u{1B}["), "no escape sequences in a pipe")
        try app.quit()
    }

    @Test func withNoProcessToAttachToItSaysSoAndSuggestsTheDemo() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope([], runtimeDirectory: directory)
        #expect(run.status == 1)
        #expect(run.errors.contains("no process to attach to"))
        #expect(run.errors.contains("deferscope demo"))
    }

    @Test func themesListsEveryBundledTheme() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope(["themes"], runtimeDirectory: directory)
        #expect(run.status == 0)
        let names = run.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(
            names == [
                "default", "dracula", "gruvbox", "high-contrast", "light", "monochrome", "nord", "solarized-dark",
            ]
        )
    }

    @Test func aBadThemeOrFilterIsAClearErrorBeforeAttaching() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let garbage = directory + "/garbage.theme"
        try "header = #zzzzzz\nthis is not a theme\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        let theme = try runDeferscope(["attach", "1", "--theme", garbage], runtimeDirectory: directory)
        #expect(theme.status != 0)
        #expect(theme.errors.contains("garbage.theme:1"))
        let unknown = try runDeferscope(["attach", "1", "--theme", "nope"], runtimeDirectory: directory)
        #expect(unknown.errors.contains("--theme: no theme 'nope': not bundled"))
        let filter = try runDeferscope(["attach", "1", "--filter", "age>>5s"], runtimeDirectory: directory)
        #expect(filter.status != 0)
        #expect(filter.errors.contains("--filter:"))
        #expect(filter.errors.contains("column"))
    }

    @Test func replayOfADamagedFileSaysWhatIsWrongAndATruncatedOneReplaysToTheCut() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let garbage = directory + "/garbage.dsrec"
        try "not a recording at all".write(toFile: garbage, atomically: true, encoding: .utf8)
        let bad = try runDeferscope(["replay", garbage], runtimeDirectory: directory)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("garbage.dsrec"))

        // A recording cut in the middle of a frame (a full disk, a killed recorder).
        let path = directory + "/cut.dsrec"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_RECORD": path])
        try app.send("create 4 recorded")
        try app.quit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: path))
        let cut = try runDeferscope(["replay", path], runtimeDirectory: directory)
        #expect(cut.status == 0, "\(cut.errors)")
        #expect(cut.output.contains("replay"))
    }
}
