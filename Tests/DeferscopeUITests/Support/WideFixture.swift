import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire

/// A picture with something in every view, labels in CJK and emoji:
/// - #1 '決済 payment' (site 1) pending with a 30 s timeout, the oldest;
/// - #2 '🚀 launch 決済確認' (site 2) with two steps, one run, and a 60 s timeout;
/// - #3 'fetch ユーザー' (site 1) waits on what its step returned, #4 'データ leaf' (site 3);
/// - #5 '失敗 charge' and #6 'boom' failed with Boom;
/// - #7 '待ち a' ⇄ #8 '待ち b', a deadlock (site 4);
/// - #10…#19 (site 2) lived 1 ms to 100 ms and were released.
enum WideFixture {
    static func model() -> DeferscopeModel {
        var model = Script.start()
        var script = Script()
        for id: UInt64 in 10..<20 {
            script.created(id, label: "done \(id)", site: 2)
            script.stepAdded(id, index: 0)
            script.fired(id)
            script.stepRan(id, index: 0, duration: (id - 9) * 100 * 1_000)
            script.advance((id - 9) * (id - 9) * Script.millisecond)
            script.released(id)
        }
        script.created(1, label: "決済 payment", site: 1)
        script.event(.timeoutArmed, 1) { $0.timeoutSeconds = 30 }
        script.advance(Script.second)
        script.created(2, label: "🚀 launch 決済確認", site: 2)
        script.stepAdded(2, index: 0)
        script.stepAdded(2, index: 1)
        script.fired(2)
        script.stepRan(2, index: 0, duration: 3 * Script.millisecond)
        script.event(.timeoutArmed, 2) { $0.timeoutSeconds = 60 }
        script.advance(Script.second)
        script.created(3, label: "fetch ユーザー", site: 1)
        script.stepAdded(3, index: 0)
        script.created(4, label: "データ leaf", site: 3)
        script.fired(3)
        script.waits(3, index: 0, on: 4)
        script.created(5, label: "失敗 charge", site: 3)
        script.fired(5, Script.failure)
        script.created(6, label: "boom", site: 3)
        script.fired(6, Script.failure)
        script.advance(Script.second)
        for id: UInt64 in [7, 8] {
            script.created(id, label: id == 7 ? "待ち a" : "待ち b", site: 4)
            script.stepAdded(id, index: 0)
            script.fired(id)
        }
        script.waits(7, index: 0, on: 8)
        script.waits(8, index: 0, on: 7)
        script.advance(5 * Script.second)
        model.run(&script)
        model.advance(to: script.time)
        return model
    }
}
