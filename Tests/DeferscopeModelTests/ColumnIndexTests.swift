import DeferredKit
import DeferscopeModelScript
import DeferscopeWire
import Testing

@testable import DeferscopeModel

/// The indexes built on demand for sorts other than a list's natural order: built on the first
/// window, kept up to date by every change, dropped beyond the limit.
@Suite struct ColumnIndexTests {
    static let lists: [ChainList] = [.pending, .timeouts, .failures, .all]

    /// Every unfiltered window of every (list, column, direction) against a brute-force sort.
    static func expectEveryWindowMatches(
        _ model: DeferscopeModel,
        _ ids: [UInt64],
        seed: UInt64,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var random = SplitMix64(seed: seed)
        for list in lists {
            for column in SortColumn.allCases {
                for ascending in [true, false] {
                    let order = SortOrder(column, ascending: ascending)
                    let expected = WindowTests.bruteForce(WindowTests.members(list, model, ids), order, model)
                    let offsets = [
                        0, Int(random.next(below: UInt64(max(1, expected.count)))), max(0, expected.count - 7),
                    ]
                    for offset in offsets {
                        let window = model.window(of: list, order: order, offset: offset, count: 40)
                        #expect(window.total == expected.count, "\(list) \(order)", sourceLocation: sourceLocation)
                        #expect(
                            window.rows.map(\.id) == Array(expected.dropFirst(offset).prefix(40)),
                            "\(list) \(order) at \(offset)",
                            sourceLocation: sourceLocation
                        )
                    }
                }
            }
        }
    }

    /// Random changes to a random picture: new Deferreds, steps added and run, results (so states
    /// change and failures appear), timeouts armed, releases (which evict beyond the retention
    /// limit), snapshot records that change labels, sites and creation times, a site renamed.
    static func applyRandomChanges(to model: inout DeferscopeModel, ids: inout [UInt64], seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var script = Script()
        script.time = model.now + Script.millisecond
        let labels = ["zeta", "alpha", nil, "fetch", "Mid"]
        var nextID = (ids.max() ?? 0) + 1
        for _ in 0..<1_500 {
            let id = ids[Int(random.next(below: UInt64(ids.count)))]
            let steps = Int32(model.deferred(id)?.stepCount ?? 0)
            switch random.next(below: 7) {
            case 0:
                script.created(
                    nextID,
                    label: labels[Int(random.next(below: 5))],
                    site: UInt32(1 + random.next(below: 4))
                )
                ids.append(nextID)
                nextID += 1
            case 1: script.stepAdded(id, index: steps)
            case 2: script.fired(id, random.next(below: 2) == 0 ? Script.success : Script.failure)
            case 3 where steps > 0: script.stepRan(id, index: steps - 1)
            case 4: script.event(.timeoutArmed, id) { $0.timeoutSeconds = Double(random.next(below: 30)) }
            case 5: script.released(id)
            default: script.event(.paused, id)
            }
            script.advance(Script.millisecond)
        }
        model.run(&script)
        var records: [ChainRecord] = []
        for index in 0..<200 {
            let id = ids[Int(random.next(below: UInt64(ids.count)))]
            guard let chain = model.deferred(id), !chain.isReleased else { continue }
            records.append(
                ChainRecord(
                    id: id,
                    sequence: 1_000,
                    label: labels[index % labels.count],
                    siteID: UInt32(1 + random.next(below: 4)),
                    createdAt: chain.createdAt - random.next(below: 3) * Script.millisecond,
                    phase: index % 3 == 0 ? .failed : .pending,
                    stepsRun: 0,
                    pendingSteps: (0..<(index % 4)).map {
                        ChainRecord.Step(index: UInt32($0), kindRawValue: 1, label: nil, siteID: 1, feeds: 0)
                    }
                )
            )
        }
        model.apply(.snapshotChains(records))
        model.apply(.sites([SiteDefinition(id: 2, fileID: "Zed/Renamed\(seed).swift", line: 1)]))
    }

    @Test func windowsStayEqualToABruteForceSortThroughChanges() {
        var (model, ids) = WindowTests.randomModel(
            seed: 21,
            ModelConfiguration(finishedLimit: 500, columnIndexLimit: 64)
        )
        Self.expectEveryWindowMatches(model, ids, seed: 1)
        // One per (list, column) but the natural orders and blocked-on.
        #expect(model.columnIndexes.indexes.count == 4 * 8 - 3)
        for round: UInt64 in 0..<3 {
            Self.applyRandomChanges(to: &model, ids: &ids, seed: 100 + round)
            #expect(model.columnIndexes.indexes.count == 4 * 8 - 3 - 4, "the four site indexes were dropped")
            Self.expectEveryWindowMatches(model, ids, seed: 2 + round)
        }
    }

    @Test func theLeastRecentlyReadIndexIsDroppedBeyondTheLimitAndBuiltAgainWhenAskedFor() {
        var (model, ids) = WindowTests.randomModel(seed: 5, ModelConfiguration(finishedLimit: 500, columnIndexLimit: 2))
        _ = model.window(of: .pending, order: SortOrder(.label, ascending: true), offset: 0, count: 10)
        _ = model.window(of: .pending, order: SortOrder(.steps, ascending: true), offset: 0, count: 10)
        _ = model.window(of: .pending, order: SortOrder(.label, ascending: false), offset: 0, count: 10)
        _ = model.window(of: .failures, order: SortOrder(.id, ascending: true), offset: 0, count: 10)
        #expect(model.columnIndexes.indexes.map(\.column) == [.label, .id])
        Self.applyRandomChanges(to: &model, ids: &ids, seed: 9)
        Self.expectEveryWindowMatches(model, ids, seed: 3)
        #expect(model.columnIndexes.indexes.count == 2)
    }

    @Test func aCopyKeepsItsOwnIndexesWhenTheOtherChanges() {
        var (model, ids) = WindowTests.randomModel(
            seed: 8,
            ModelConfiguration(finishedLimit: 500, columnIndexLimit: 64)
        )
        Self.expectEveryWindowMatches(model, ids, seed: 4)
        let checkpoint = model
        let checkpointIDs = ids
        Self.applyRandomChanges(to: &model, ids: &ids, seed: 10)
        Self.expectEveryWindowMatches(checkpoint, checkpointIDs, seed: 5)
        Self.expectEveryWindowMatches(model, ids, seed: 6)
    }

    @Test func blockedOnIsNeverIndexed() {
        let (model, _) = WindowTests.randomModel(seed: 2)
        _ = model.window(of: .pending, order: SortOrder(.blockedOn, ascending: true), offset: 0, count: 10)
        #expect(model.columnIndexes.indexes.isEmpty)
    }
}
