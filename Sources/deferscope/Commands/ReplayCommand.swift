import ArgumentParser
import DeferscopeModel
import DeferscopeTerminal
import DeferscopeWire

/// `deferscope replay FILE`: the dashboard on a recording, with a time bar.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the dashboard on a recording (.dsrec) and play it back.",
        discussion: """
            Space plays and pauses, + and - change the speed, [ and ] step one event, , and . \
            seek 10 s, Home and End jump to the start and the end; every view works at any \
            point. A recording cut short (a full disk, a killed recorder) replays up to the cut.
            """
    )

    @Argument(help: "The recording, made by `deferscope record` or DEFERSCOPE_RECORD.")
    var file: String

    @OptionGroup var dashboard: DashboardOptions

    func run() throws {
        let timeline: ReplayTimeline
        do {
            timeline = try ReplayTimeline.load(recordingAt: file, configuration: dashboard.modelConfiguration)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        guard timeline.count > 0 else {
            throw CommandFailure("\(file): the recording holds no snapshot or events to replay")
        }
        var feed = ReplayFeed(timeline: timeline)
        if !PlainTextOutput.isTerminal() {
            // One picture for a pipe: the end of the recording is what it leads to.
            _ = feed.perform(.replayJump(toEnd: true))
        }
        var runner = DashboardRunner(dashboard: try dashboard.dashboard(keyContext: .replay))
        try runner.run(&feed, settle: 0)
    }
}
