// What one dashboard frame costs in the UI layer (DeferscopeUI: views → cell grid; the terminal's
// copy of changed cells is not included), with 1,000 and with 1,000,000 live Deferreds, each view
// at 120×40. A frame must cost what is on screen, not the number of Deferreds: the 1,000 column is
// the baseline of the same run. Times are this thread's CPU time (the machine may be shared);
// each figure is the median of 50 frames after 5 warm-ups.
// Run: `cd Benchmarks && swift run -c release --scratch-path /tmp/bench-build UIBenchmarks`.
import DeferredKit
import DeferscopeModel
import DeferscopeUI
import DeferscopeWire
import MeasureSupport
import ModelFixtureSupport

#if canImport(Glibc)
import Glibc
#endif

let siteCount: UInt32 = 50
let labels = ["fetch user", "query orders", "cache get", "render", "retry-1"]

/// A model holding `count` live Deferreds: most pending with 3 steps, every 10th waiting on the
/// one before it, every 7th with an armed timeout, every 50th failed.
func model(live count: Int) -> DeferscopeModel {
    var model = attachedBenchmarkModel(siteCount: siteCount)
    var batch: [EventRecord] = []
    var time: UInt64 = 1_000_000_000
    for index in 1...UInt64(count) {
        time += 1_000
        var sequence: UInt32 = 0
        func next(_ kind: DeferredEvent.Kind) -> EventRecord {
            sequence += 1
            return EventRecord(kindRawValue: kind.rawValue, id: index, sequence: sequence, timestamp: time)
        }
        var created = next(.created)
        created.label = labels[Int(index % UInt64(labels.count))]
        created.siteID = UInt32(index % UInt64(siteCount)) + 1
        batch.append(created)
        for step in 0..<3 {
            var added = next(.stepAdded)
            added.stepIndex = Int32(step)
            added.stepKindRawValue = StepKind.callback.rawValue
            added.siteID = 1
            batch.append(added)
        }
        if index % 7 == 0 {
            var armed = next(.timeoutArmed)
            armed.timeoutSeconds = 30
            batch.append(armed)
        }
        if index % 50 == 0 {
            var fired = next(.fired)
            fired.outcome = WireOutcome(isFailure: true, typeID: 2)
            batch.append(fired)
        } else if index % 10 == 0 {
            var fired = next(.fired)
            fired.outcome = WireOutcome(isFailure: false, typeID: 1)
            batch.append(fired)
            var ran = next(.stepRan)
            ran.stepIndex = 0
            ran.stepKindRawValue = StepKind.callback.rawValue
            ran.flags = DeferredEvent.Flags.returnedDeferred.rawValue
            ran.other = index - 1
            batch.append(ran)
            var waiting = next(.waiting)
            waiting.stepIndex = 0
            waiting.other = index - 1
            batch.append(waiting)
        }
        if batch.count >= 4_096 {
            model.apply(.events(batch))
            batch.removeAll(keepingCapacity: true)
        }
    }
    model.apply(.events(batch))
    model.advance(to: time + 5_000_000_000)
    return model
}

/// The median CPU time of one frame of `view` (after `keys`), over 50 frames.
func frameCost(_ model: DeferscopeModel, view: Int, keys: [Key] = []) -> Double {
    var dashboard = Dashboard.standard()
    dashboard.status = .live
    _ = dashboard.handle(.key(.character(Character(String(view)))), model: model)
    for key in keys {
        _ = dashboard.render(model: model, width: 120, height: 40)
        _ = dashboard.handle(.key(key), model: model)
    }
    var samples: [UInt64] = []
    for frame in 0..<55 {
        let start = Measure.threadCPUNanoseconds()
        let grid = dashboard.render(model: model, width: 120, height: 40)
        let elapsed = Measure.threadCPUNanoseconds() - start
        precondition(grid.height == 40)
        if frame >= 5 { samples.append(elapsed) }
    }
    samples.sort()
    return Double(samples[samples.count / 2]) / 1e6
}

func hundredths(_ value: Double) -> String {
    let scaled = Int((value * 100).rounded())
    return "\(scaled / 100).\(scaled % 100 < 10 ? "0" : "")\(scaled % 100)"
}

let small = model(live: 1_000)
let large = model(live: 1_000_000)
print("UIBenchmarks: one frame at 120×40, median of 50, CPU ms (1,000 live → 1,000,000 live, ratio)")
let cases: [(String, Int, [Key])] = [
    ("Pending, oldest first", 1, []),
    ("Pending, scrolled to the end", 1, [.end]),
    ("Pending, by label", 1, [.character("s"), .character("s")]),
    ("Chains", 2, []),
    ("Timeouts", 3, []),
    ("Errors", 4, []),
    ("Sites", 5, []),
    ("Events", 6, []),
    ("Detail of the selected row", 1, [.enter]),
]
for (name, view, keys) in cases {
    let baseline = frameCost(small, view: view, keys: keys)
    let measured = frameCost(large, view: view, keys: keys)
    let ratio = baseline > 0 ? measured / baseline : 0
    let padded = name + String(repeating: " ", count: max(1, 30 - name.count))
    print("  \(padded) \(hundredths(baseline)) → \(hundredths(measured)) ms  (\(hundredths(ratio))×)")
}
