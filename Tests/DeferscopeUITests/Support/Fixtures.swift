import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire

/// Models the view tests draw: small, hand-made, every age known.
enum Fixtures {
    /// #10 'checkout' waits on #11 'bank wire', which waits on #12 'charge card' (sites 1, 2, 2),
    /// two minutes after they were made: a tree whose nodes a filter such as `label:c` tells apart.
    static func checkoutWaitingOnACharge() -> DeferscopeModel {
        var tree = Script.start()
        var script = Script()
        script.created(10, label: "checkout", site: 1)
        script.created(11, label: "bank wire", site: 2)
        script.created(12, label: "charge card", site: 2)
        script.stepAdded(10, index: 0)
        script.waits(10, index: 0, on: 11)
        script.stepAdded(11, index: 0)
        script.waits(11, index: 0, on: 12)
        tree.run(&script)
        tree.advance(to: 120 * Script.second)
        return tree
    }

    /// Three trees, oldest first:
    /// - #1 'handler' → a step returned #2 'fetch' → a step returned #3 'leaf' (site 3, never fired);
    /// - #4 'batch' → a step returned #10 'gather' ← fed by #11 'input a' and #12 'input b' (neither fired);
    /// - #20 'a' ⇄ #21 'b', a deadlock.
    ///
    /// The first tree is 4 s old at the model's `now`, the second 3 s, the third 2 s.
    static func waitingChains() -> DeferscopeModel {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "handler", site: 2)
        script.stepAdded(1, index: 0)
        script.created(2, label: "fetch", site: 1)
        script.stepAdded(2, index: 0)
        script.created(3, label: "leaf", site: 3)
        script.fired(2)
        script.waits(2, index: 0, on: 3)
        script.fired(1)
        script.waits(1, index: 0, on: 2)

        script.advance(Script.second)
        script.created(4, label: "batch", site: 2)
        script.stepAdded(4, index: 0)
        script.created(11, label: "input a", site: 3)
        script.created(12, label: "input b", site: 3)
        script.created(10, label: "gather", site: 4)
        script.stepAdded(11, index: 0, kind: .collect, feeds: 10)
        script.stepAdded(12, index: 0, kind: .collect, feeds: 10)
        script.stepAdded(10, index: 0, kind: .collect)
        script.fired(4)
        script.waits(4, index: 0, on: 10)

        script.advance(Script.second)
        script.created(20, label: "a", site: 1)
        script.stepAdded(20, index: 0)
        script.created(21, label: "b", site: 1)
        script.stepAdded(21, index: 0)
        script.fired(20)
        script.waits(20, index: 0, on: 21)
        script.fired(21)
        script.waits(21, index: 0, on: 20)

        script.advance(2 * Script.second)
        model.run(&script)
        model.advance(to: script.time)
        return model
    }
}
