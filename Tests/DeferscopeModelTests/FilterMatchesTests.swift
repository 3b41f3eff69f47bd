import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// A filter's matches kept across changes give the windows a fresh evaluation of the filter gives.
@Suite struct FilterMatchesTests {
    static let filters = [
        "fetch !state:waiting", "steps>=2", "site:Cache", "/retry-[0-9]+/", "age>1s", "!label:query state:pending",
    ]

    /// Every list, two orders each way, windows at the start, the middle and the end.
    static func expectSameWindows(
        _ model: DeferscopeModel,
        _ matches: [FilterMatches],
        _ note: String,
        naturalOrderOnly: Bool = false,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for kept in matches {
            let natural = SortOrder.natural(for: kept.list).column
            for column in naturalOrderOnly ? [natural] : [natural, .label] {
                for ascending in [true, false] {
                    let order = SortOrder(column, ascending: ascending)
                    let fresh = model.window(of: kept.list, order: order, filter: kept.filter, offset: 0, count: 0)
                    #expect(kept.total == fresh.total, "\(note) \(kept.list) \(kept.filter.source)")
                    for offset in [0, fresh.total / 2, max(0, fresh.total - 7)] {
                        let expected = model.window(
                            of: kept.list,
                            order: order,
                            filter: kept.filter,
                            offset: offset,
                            count: 20
                        )
                        let window = model.window(of: kept.list, order: order, matches: kept, offset: offset, count: 20)
                        #expect(
                            window.rows.map(\.id) == expected.rows.map(\.id),
                            "\(note) \(kept.list) \(order) \(kept.filter.source) at \(offset)",
                            sourceLocation: sourceLocation
                        )
                    }
                }
            }
        }
    }

    @Test func matchesKeptAcrossRandomChangesGiveTheWindowsOfAFreshFilter() throws {
        var (model, ids) = WindowTests.randomModel(seed: 21)
        var matches: [FilterMatches] = []
        for list in [ChainList.pending, .failures, .all] {
            // A regular expression runs slowly in a debug build: one list is enough.
            for text in Self.filters where list == .pending || !text.hasPrefix("/") {
                matches.append(FilterMatches(list: list, filter: try DeferredFilter(parsing: text)))
            }
        }
        for index in matches.indices { matches[index].update(from: model) }
        Self.expectSameWindows(model, matches, "at first", naturalOrderOnly: true)
        for round: UInt64 in 0..<4 {
            ColumnIndexTests.applyRandomChanges(to: &model, ids: &ids, seed: 500 + round)
            if round == 3 { model.advance(to: model.now + 3 * Script.second) }
            for index in matches.indices { matches[index].update(from: model) }
            // Another order costs a full sort per window in a debug build: in the last round only.
            Self.expectSameWindows(model, matches, "round \(round)", naturalOrderOnly: round < 3)
        }
    }

    @Test func aRenamedSiteMoreChangesThanTheJournalKeepsAndANewConnectionStartOver() throws {
        var (model, _) = WindowTests.randomModel(seed: 5)
        var bySite = FilterMatches(list: .pending, filter: try DeferredFilter(parsing: "site:Network"))
        var byLabel = FilterMatches(list: .pending, filter: try DeferredFilter(parsing: "label:fetch"))
        bySite.update(from: model)
        byLabel.update(from: model)
        let before = bySite.total
        #expect(before > 0)

        // Site 1 is renamed: the rows created there stop matching `site:Network`.
        model.apply(.sites([SiteDefinition(id: 1, fileID: "App/Elsewhere.swift", line: 10)]))
        bySite.update(from: model)
        #expect(bySite.total == 0)
        Self.expectSameWindows(model, [bySite], "renamed")

        // 70,000 new pending Deferreds, more than the journal keeps: a full pass, the same answer.
        var labelled: [EventRecord] = []
        for offset in 0..<UInt64(70_000) {
            var record = EventRecord(
                kindRawValue: DeferredEvent.Kind.created.rawValue,
                id: 1_000_000 + offset,
                sequence: 1,
                timestamp: model.now + offset
            )
            record.label = offset % 2 == 0 ? "fetch more" : "other"
            record.siteID = 2
            labelled.append(record)
        }
        let matchedBefore = byLabel.total
        model.apply(.events(labelled))
        byLabel.update(from: model)
        #expect(byLabel.total == matchedBefore + 35_000)
        Self.expectSameWindows(model, [byLabel], "after 70,000", naturalOrderOnly: true)

        // A new connection: another model, whatever its counts.
        var fresh = Script.start()
        var script = Script()
        script.created(1, label: "fetch", site: 1)
        fresh.run(&script)
        byLabel.update(from: fresh)
        #expect(byLabel.total == 1)
        #expect(fresh.window(of: .pending, matches: byLabel, offset: 0, count: 5).rows.map(\.id) == [1])
    }
}
