import DeferscopeModel
import DeferscopeUI
import DeferscopeWire

/// A recording played back: the model is the timeline's at the play head, which moves with the
/// wall clock times the speed while playing, and jumps on seek and step.
struct ReplayFeed: DashboardFeed {
    private(set) var timeline: ReplayTimeline
    private var playing = true
    private var speed = 1.0
    /// The play head in recording time (monotonic ns of the recorded process).
    private var head: UInt64
    private var lastTick = Posix.monotonicNanoseconds()

    init(timeline: ReplayTimeline) {
        self.timeline = timeline
        self.head = timeline.startTime
        self.timeline.seek(to: head)
    }

    var model: DeferscopeModel { timeline.model }

    var status: ConnectionStatus {
        .replay(
            at: Double(head &- timeline.startTime) / 1e9,
            of: Double(timeline.endTime &- timeline.startTime) / 1e9,
            speed: speed,
            playing: playing
        )
    }

    mutating func update(timeout: Double) -> Bool {
        // Nothing arrives on its own: wait for the next frame's time, then move the head.
        Posix.sleep(seconds: timeout)
        let now = Posix.monotonicNanoseconds()
        defer { lastTick = now }
        guard playing else { return false }
        let advance = UInt64(Double(now &- lastTick) * speed)
        let target = min(timeline.endTime, head &+ advance)
        guard target != head else {
            if head >= timeline.endTime { playing = false }
            return false
        }
        head = target
        timeline.seek(to: head)
        // At the end it stops, as a player does; space plays again from the start.
        if head >= timeline.endTime { playing = false }
        return true
    }

    mutating func perform(_ command: DashboardCommand) -> String? {
        switch command {
        case .replayPlayPause:
            if !playing, head >= timeline.endTime {
                head = timeline.startTime
                timeline.seek(to: head)
            }
            playing.toggle()
            return playing ? "playing" : "paused"
        case .replaySpeed(let factor):
            speed = min(64, max(1.0 / 16, speed * factor))
            return "speed ×\(ViewFormat.speed(speed))"
        case .replayStep(let direction):
            playing = false
            let moved = direction > 0 ? timeline.stepForward() : timeline.stepBackward()
            head = timeline.time
            return moved ? "event \(timeline.position) of \(timeline.count)" : "no more events that way"
        case .replaySeek(let seconds):
            let delta = Int64(seconds * 1e9)
            let target = Int64(bitPattern: head) &+ delta
            head = UInt64(max(Int64(timeline.startTime), min(Int64(timeline.endTime), target)))
            timeline.seek(to: head)
            return nil
        case .replayJump(let toEnd):
            head = toEnd ? timeline.endTime : timeline.startTime
            timeline.seek(to: head)
            return nil
        case .cancel, .quit, .redraw:
            return nil
        }
    }

    mutating func takeMessage() -> String? { nil }
}
