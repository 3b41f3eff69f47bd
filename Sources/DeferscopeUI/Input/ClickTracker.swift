/// Tells double-clicks from clicks: a second click of the same button on the same row, at most
/// two columns away, within `interval` of the first is a double-click.
///
/// The terminal reports every press on its own (ncurses' own click resolution would hold each
/// click back for the whole interval); the tracker turns the second one into `.doubleClick`.
/// A third click starts over as a click.
public struct ClickTracker: Hashable, Sendable {
    /// The longest time between the two clicks of a double-click, in nanoseconds.
    public var interval: UInt64
    private var last: Click?

    private struct Click: Hashable, Sendable {
        var button: Int
        var x: Int
        var y: Int
        var time: UInt64
    }

    /// A tracker with the usual desktop double-click time, 400 ms.
    public init(interval: UInt64 = 400_000_000) {
        self.interval = interval
    }

    /// `event` as it counts at `time` (any monotonic clock, in nanoseconds): a click may come
    /// back as a double-click; other events come back as they are.
    public mutating func classify(_ event: MouseEvent, at time: UInt64) -> MouseEvent {
        guard case .click(let button) = event.kind else {
            // Scrolling between two clicks makes them two clicks.
            last = nil
            return event
        }
        if let last, last.button == button, last.y == event.y, abs(last.x - event.x) <= 2,
            time >= last.time, time - last.time <= interval
        {
            self.last = nil
            return MouseEvent(.doubleClick(button: button), x: event.x, y: event.y)
        }
        last = Click(button: button, x: event.x, y: event.y, time: time)
        return event
    }
}
