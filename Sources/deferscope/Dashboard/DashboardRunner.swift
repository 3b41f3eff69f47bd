import DeferscopeTerminal
import DeferscopeUI
import DeferscopeWire

/// Runs a dashboard over a feed in the terminal until the user quits: reads keys, applies what
/// the feed brings, and redraws (only changed cells) every refresh interval (100 ms; `+`/`-` change it).
struct DashboardRunner {
    var dashboard: Dashboard

    /// Shows `feed` until `q` (or Ctrl-C, which the terminal turns into SIGINT: see
    /// `TerminalRestorer`); when standard output is not a terminal, or the terminal cannot move
    /// its cursor (`TERM=dumb`), prints one picture as plain text instead (once the first
    /// snapshot is whole, or after `settle` seconds).
    mutating func run(_ feed: inout some DashboardFeed, settle: Double = 10) throws {
        guard PlainTextOutput.isTerminal() else {
            printOnce(&feed, settle: settle)
            return
        }
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(mouse: dashboard.usesMouse)
        } catch .cannotAddressCursor(let type) {
            // As wide as the terminal, so that no line wraps; the note after it, where it is seen.
            let size = PlainTextOutput.terminalSize().map { (max(60, $0.width), max(12, $0.height - 2)) }
            printOnce(&feed, settle: settle, width: size?.0 ?? 80, height: size?.1 ?? 24)
            StandardError.write(
                "deferscope: TERM=\(type) cannot show the live dashboard (it cannot move the cursor), "
                    + "so this is one picture as text; use a terminal such as TERM=xterm-256color for the dashboard.\n"
            )
            return
        } catch {
            throw CommandFailure("cannot start the dashboard: \(error) (standard output is a terminal; check TERM)")
        }
        defer { screen.close() }
        dashboard.themes = dashboard.themes.downgraded(to: screen.colorDepth)
        var size = screen.size
        var keyed = true
        var lastDraw: UInt64 = 0
        while true {
            // Keys first, and a key redraws at once: typing never waits on the feed.
            while let event = screen.readEvent(timeoutMilliseconds: keyed ? 0 : 10) {
                if case .resize(let width, let height) = event { size = (width, height) }
                for command in dashboard.handle(event, model: feed.model) {
                    if command == .quit { return }
                    if command == .redraw {
                        screen.invalidate()
                        continue
                    }
                    if let message = feed.perform(command) { dashboard.message = message }
                }
                keyed = true
            }
            _ = feed.update(timeout: keyed ? 0 : 0.02)
            if let message = feed.takeMessage() { dashboard.message = message }
            // Ages and countdowns move even when nothing happens: a frame at least every
            // refresh interval (100 ms unless `+`/`-` changed it).
            let now = Posix.monotonicNanoseconds()
            if keyed || now &- lastDraw >= UInt64(dashboard.refreshInterval * 1e9) {
                dashboard.status = feed.status
                screen.draw(dashboard.render(model: feed.model, width: size.width, height: size.height))
                lastDraw = now
                keyed = false
            }
        }
    }

    private mutating func printOnce(
        _ feed: inout some DashboardFeed,
        settle: Double,
        width: Int = 160,
        height: Int = 50
    ) {
        let deadline = Posix.monotonicNanoseconds() &+ UInt64(settle * 1e9)
        while Posix.monotonicNanoseconds() < deadline {
            _ = feed.update(timeout: 0.1)
            switch feed.status {
            case .live, .exited, .disconnected, .replay, .awaitingRestart: break
            default: continue
            }
            break
        }
        _ = feed.update(timeout: 0.05)
        dashboard.status = feed.status
        let theme = dashboard.themes.downgraded(to: .none)
        dashboard.themes = theme
        PlainTextOutput.write(dashboard.render(model: feed.model, width: width, height: height))
    }
}
