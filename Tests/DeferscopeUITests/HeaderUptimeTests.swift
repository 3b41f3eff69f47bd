import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import DeferscopeWire
import Testing

/// The header's `up` is how long the process has run, not how long the dashboard has watched.
struct HeaderUptimeTests {
    @Test("a process up an hour before attaching shows up 1h00m, and its age moves with the model's clock")
    func uptimeIsTheProcessAge() {
        let second: UInt64 = 1_000_000_000
        // Started at wall 1,000 s; attached at wall 4,600 s, when the agent's monotonic clock read 50 s.
        let hello = Hello(
            pid: 7,
            processName: "api",
            executablePath: "/srv/api",
            processStartTime: 1_000 * second,
            monotonicBase: 50 * second,
            wallClockAtBase: 4_600 * second,
            liveCount: 0,
            includesValues: false
        )
        var model = DeferscopeModel()
        model.apply([
            .connected(hello),
            .snapshotBegan(SnapshotBegin(snapshotID: 1, estimatedCount: 0, reason: .attach)),
            .snapshotEnded(SnapshotEnd(snapshotID: 1, count: 0)),
        ])
        model.advance(to: 50 * second)
        var dashboard = Dashboard.standard()
        dashboard.status = .live
        #expect(dashboard.render(model: model, width: 100, height: 12).line(0).hasPrefix(" api 7  up 1h00m  live"))
        model.advance(to: (50 + 7_200) * second)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(0).hasPrefix(" api 7  up 3h00m  live"))
    }
}

/// The header's `timed out` and `unhandled` follow the Deferreds in the picture.
struct HeaderFailureCountTests {
    @Test("unhandled and timed out count Deferreds in the picture, until they leave it; the header shows both")
    func unhandledComesAndGoes() {
        var model = Fixture.model()
        #expect(model.statistics.unhandledCount == 1)
        #expect(model.statistics.timedOutCount == 0)
        var dashboard = Dashboard.standard()
        dashboard.status = .live
        let wide = dashboard.render(model: model, width: 140, height: 12).line(0)
        #expect(wide.contains("timed out 0  unhandled 1"), "\(wide)")
        var script = Script()
        script.time = model.now
        script.released(4, Script.failure)
        script.event(.timedOut, 1) { $0.timeoutSeconds = 5 }
        model.run(&script)
        #expect(model.statistics.timedOutCount == 1)
        #expect(model.statistics.unhandledCount == 1, "released unhandled, still shown while kept")
        model.advance(to: model.now + model.configuration.finishedRetention + 1_000_000_000)
        #expect(model.statistics.unhandledCount == 0)
        #expect(model.statistics.timedOutCount == 1, "#1 is still pending, so still in the picture")
    }
}
