// What one dashboard frame costs in the UI layer (DeferscopeUI: views → cell grid; the terminal's
// copy of changed cells is not included), with 1,000 and with 1,000,000 live Deferreds, each view
// at 120×40. A frame must cost what is on screen, not the number of Deferreds: the 1,000 column is
// the baseline of the same run. Times are this thread's CPU time (the machine may be shared);
// each figure is the median of 50 frames after 5 warm-ups.
// The filtered cases type `/label:fetch` Enter (a fifth of the rows match); "100 new/frame"
// applies 100 new Deferreds before each frame, untimed, so every frame sees a new generation.
// Run: `cd Benchmarks && swift build -c release --product UIBenchmarks --scratch-path /tmp/bench-ui
// && /tmp/bench-ui/release/UIBenchmarks`.
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

/// `count` new pending Deferreds after the model's newest, labelled like the rest.
func arrivals(after model: DeferscopeModel, first: UInt64, count: Int) -> [EventRecord] {
    (0..<UInt64(count)).map { offset in
        var created = EventRecord(
            kindRawValue: DeferredEvent.Kind.created.rawValue,
            id: first + offset,
            sequence: 1,
            timestamp: model.now + 1 + offset
        )
        created.label = labels[Int((first + offset) % UInt64(labels.count))]
        created.siteID = 1
        return created
    }
}

/// The median CPU time of one frame of `view` (after `keys`), over 50 frames; with `arriving`,
/// that many new Deferreds are applied to the model before each frame (not timed), as a live
/// feed does.
func frameCost(_ model: DeferscopeModel, view: Int, keys: [Key] = [], arriving: Int = 0) -> Double {
    var model = model
    var dashboard = Dashboard.standard()
    dashboard.status = .live
    _ = dashboard.handle(.key(.character(Character(String(view)))), model: model)
    for key in keys {
        _ = dashboard.render(model: model, width: 120, height: 40)
        _ = dashboard.handle(.key(key), model: model)
    }
    var samples: [UInt64] = []
    var nextID: UInt64 = 10_000_000
    for frame in 0..<55 {
        if arriving > 0 {
            model.apply(events: arrivals(after: model, first: nextID, count: arriving))
            nextID += UInt64(arriving)
        }
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
/// `/`, the filter text, Enter.
func filtering(_ text: String) -> [Key] {
    [.character("/")] + text.map { Key.character($0) } + [.enter]
}
let cases: [(String, Int, [Key], Int)] = [
    ("Pending, oldest first", 1, [], 0),
    ("Pending, scrolled to the end", 1, [.end], 0),
    ("Pending, by label", 1, [.character("s"), .character("s")], 0),
    ("Pending, filtered", 1, filtering("label:fetch"), 0),
    ("Pending, filtered, at the end", 1, filtering("label:fetch") + [.end], 0),
    ("Pending, filtered, 100 new/frame", 1, filtering("label:fetch"), 100),
    ("Chains", 2, [], 0),
    ("Timeouts", 3, [], 0),
    ("Errors", 4, [], 0),
    ("Sites", 5, [], 0),
    ("Events", 6, [], 0),
    ("Detail of the selected row", 1, [.enter], 0),
]
for (name, view, keys, arriving) in cases {
    let baseline = frameCost(small, view: view, keys: keys, arriving: arriving)
    let measured = frameCost(large, view: view, keys: keys, arriving: arriving)
    let ratio = baseline > 0 ? measured / baseline : 0
    let padded = name + String(repeating: " ", count: max(1, 30 - name.count))
    print("  \(padded) \(hundredths(baseline)) → \(hundredths(measured)) ms  (\(hundredths(ratio))×)")
}
