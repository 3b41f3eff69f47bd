import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// Windows of sorted, filtered lists against a brute-force sort of the same rows.
@Suite struct WindowTests {
    /// A random picture: 3,000 Deferreds made with jittered clocks (so creation times arrive out of
    /// order and tie), some settled, failed, timed, waiting, released.
    static func randomModel(
        seed: UInt64,
        _ configuration: ModelConfiguration = ModelConfiguration(finishedLimit: 500)
    ) -> (DeferscopeModel, [UInt64]) {
        var random = SplitMix64(seed: seed)
        var model = Script.start(configuration)
        var script = Script()
        let labels = ["fetch", "Fetch user", "query", "retry-1", "retry-22", nil, "cache"]
        var ids: [UInt64] = []
        for id: UInt64 in 1...3_000 {
            ids.append(id)
            let base = script.time
            script.time = base - random.next(below: 3) * Script.millisecond
            script.created(
                id,
                label: labels[Int(random.next(below: UInt64(labels.count)))],
                site: UInt32(1 + random.next(below: 4))
            )
            let steps = Int32(random.next(below: 4))
            for index in 0..<steps { script.stepAdded(id, index: index) }
            switch random.next(below: 8) {
            case 0:
                script.fired(id)
                for index in 0..<steps { script.stepRan(id, index: index) }
            case 1:
                script.fired(id, Script.failure)
                for index in 0..<steps { script.stepRan(id, index: index, outcome: Script.failure, flags: .skipped) }
            case 2:
                script.event(.timeoutArmed, id) { $0.timeoutSeconds = Double(random.next(below: 30)) }
            case 3 where steps > 0 && id > 10:
                script.fired(id)
                script.waits(id, index: 0, on: id - 1 - random.next(below: 5))
            case 4:
                script.fired(id)
                for index in 0..<steps { script.stepRan(id, index: index) }
                script.released(id)
            default:
                break
            }
            script.time = base + random.next(below: 2) * Script.millisecond
        }
        model.run(&script)
        return (model, ids)
    }

    static func members(_ list: ChainList, _ model: DeferscopeModel, _ ids: [UInt64]) -> [TrackedDeferred] {
        ids.compactMap { model.deferred($0) }.filter { chain in
            let pending = !chain.isReleased && chain.status.isUnsettled
            switch list {
            case .pending: return pending
            case .timeouts: return pending && chain.hasTimeout
            case .failures: return chain.status == .failed
            case .all: return true
            }
        }
    }

    /// The brute-force order: by the column's value then the id, the whole order reversed for a
    /// descending sort (age ascending is creation time descending).
    static func bruteForce(_ rows: [TrackedDeferred], _ order: SortOrder, _ model: DeferscopeModel) -> [UInt64] {
        func key(_ chain: TrackedDeferred) -> (UInt64, String) {
            switch order.column {
            case .id: return (chain.id, "")
            case .label: return (0, chain.label ?? "")
            case .age: return (chain.createdAt, "")
            case .state: return (UInt64(chain.status.kind.rawValue), "")
            case .steps: return (UInt64(chain.stepCount), "")
            case .blockedOn: return (model.blockedOn(chain.id)?.id ?? 0, "")
            case .timeout: return (chain.timeoutDeadline == 0 ? .max : chain.timeoutDeadline, "")
            case .site: return (0, model.siteName(chain.siteID))
            case .settledAt: return (chain.settledAt, "")
            }
        }
        let sorted = rows.sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1 < kb.1 }
            return a.id < b.id
        }
        let ascending = order.column == .age ? !order.ascending : order.ascending
        return (ascending ? sorted : sorted.reversed()).map(\.id)
    }

    @Test func everyWindowOfEveryListAndOrderMatchesABruteForceSort() throws {
        let (model, ids) = Self.randomModel(seed: 7)
        #expect(model.count(of: .pending) > 1_000)
        #expect(model.count(of: .failures) > 100)
        #expect(model.count(of: .timeouts) > 100)
        let filters: [DeferredFilter?] = [
            nil, try DeferredFilter(parsing: "fetch !state:waiting"), try DeferredFilter(parsing: "steps>=2"),
        ]
        var random = SplitMix64(seed: 11)
        for list in ChainList.allCases {
            for column in SortColumn.allCases {
                for ascending in [true, false] {
                    for filter in filters {
                        let order = SortOrder(column, ascending: ascending)
                        let rows = Self.members(list, model, ids).filter { filter?.matches($0, in: model) ?? true }
                        let expected = Self.bruteForce(rows, order, model)
                        for _ in 0..<3 {
                            let offset = Int(random.next(below: UInt64(max(1, expected.count + 5))))
                            let count = Int(random.next(below: 60))
                            let window = model.window(
                                of: list,
                                order: order,
                                filter: filter,
                                offset: offset,
                                count: count
                            )
                            let slice = Array(expected.dropFirst(offset).prefix(count))
                            #expect(window.total == expected.count, "\(list) \(order) \(filter?.source ?? "")")
                            #expect(
                                window.rows.map(\.id) == slice,
                                "\(list) \(order) \(filter?.source ?? "") \(offset) \(count)"
                            )
                        }
                    }
                }
            }
        }
    }

    @Test func aLargeWindowFallsBackToAFullSortWithTheSameAnswer() {
        let (model, ids) = Self.randomModel(seed: 3)
        let order = SortOrder(.label, ascending: true)
        let expected = Self.bruteForce(Self.members(.all, model, ids), order, model)
        let window = model.window(of: .all, order: order, offset: 100, count: 2_000)
        #expect(window.rows.map(\.id) == Array(expected.dropFirst(100).prefix(2_000)))
    }
}

/// A small deterministic generator, so a failure can be reproduced.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: UInt64) -> UInt64 {
        next() % bound
    }
}
