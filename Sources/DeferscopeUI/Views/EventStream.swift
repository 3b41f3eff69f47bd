import DeferscopeModel

/// The Events view's rows, newest first: the model's event log (or the events of Deferreds that
/// pass a filter) with the model's warnings placed among them by time.
///
/// Built once per model generation. Without a filter it holds only the warnings' places, and rows
/// are read from the log when drawn; with one, the whole log is scanned once (O(events)) to keep
/// the offsets of the matching events.
struct EventStream {
    /// Log offsets (newest first) of the events that pass the filter; nil: every event.
    private let matches: [Int]?
    private let eventCount: Int
    /// The warnings that pass the filter, newest first.
    private let warnings: [ModelWarning]
    /// The row each warning takes, strictly increasing.
    private let warningPositions: [Int]

    init(model: DeferscopeModel, filter: DeferredFilter?) {
        var matches: [Int]? = nil
        var passes: (UInt64) -> Bool = { _ in true }
        if let filter {
            // An event whose Deferred left the picture cannot be matched: it is hidden.
            var known: [UInt64: Bool] = [:]
            passes = { id in
                if let answer = known[id] { return answer }
                let answer = model.deferred(id).map { filter.matches($0, in: model) } ?? false
                known[id] = answer
                return answer
            }
            var kept: [Int] = []
            let chunk = 4_096
            var offset = 0
            while offset < model.recentEventCount {
                for (index, event) in model.recentEvents(offset: offset, limit: chunk).enumerated()
                where passes(event.id) {
                    kept.append(offset + index)
                }
                offset += chunk
            }
            matches = kept
        }
        let eventCount = matches?.count ?? model.recentEventCount
        let warnings = model.warnings().filter { passes($0.deferredID) }
        func timestamp(_ index: Int) -> UInt64 {
            let offset = matches.map { $0[index] } ?? index
            return model.recentEvents(offset: offset, limit: 1).first?.timestamp ?? 0
        }
        var positions: [Int] = []
        positions.reserveCapacity(warnings.count)
        var floor = 0
        for (index, warning) in warnings.enumerated() {
            // Events newer than the warning go above it; a warning follows the event that raised it.
            var low = floor
            var high = eventCount
            while low < high {
                let mid = (low + high) / 2
                if timestamp(mid) > warning.time { low = mid + 1 } else { high = mid }
            }
            // The warning list is nearly, not strictly, in time order: places never go backwards.
            floor = low
            positions.append(low + index)
        }
        self.matches = matches
        self.eventCount = eventCount
        self.warnings = warnings
        self.warningPositions = positions
    }

    /// Rows in all.
    var count: Int { eventCount + warnings.count }

    /// Up to `limit` rows from newest-first position `start`, newest first.
    func rows(from start: Int, limit: Int, model: DeferscopeModel) -> [EventRow] {
        var rows: [EventRow] = []
        var position = max(0, start)
        var warning = firstWarning(atOrAfter: position)
        while rows.count < limit, position < count {
            if warning < warnings.count, warningPositions[warning] == position {
                rows.append(.warning(warnings[warning]))
                warning += 1
                position += 1
                continue
            }
            let nextWarning = warning < warnings.count ? warningPositions[warning] : count
            let run = min(limit - rows.count, nextWarning - position)
            let first = position - warning
            let fetched: [TimelineEvent]
            if let matches {
                fetched = matches[first..<first + run].compactMap { model.recentEvents(offset: $0, limit: 1).first }
            } else {
                fetched = model.recentEvents(offset: first, limit: run)
            }
            rows += fetched.map(EventRow.event)
            // The model changed under the stream: stop rather than misplace rows.
            guard fetched.count == run else { break }
            position += run
        }
        return rows
    }

    /// The newest-first position of `row`, looked for from a little before `hint` onwards (rows
    /// only move down as newer ones arrive); nil when it is not within `limit` rows.
    func position(of row: EventRow, near hint: Int, model: DeferscopeModel, limit: Int = 1 << 16) -> Int? {
        let chunk = 1_024
        var start = max(0, hint - 16)
        while start < count, start <= hint + limit {
            let rows = rows(from: start, limit: chunk, model: model)
            if let found = rows.firstIndex(of: row) { return start + found }
            guard rows.count == chunk else { return nil }
            start += chunk
        }
        return nil
    }

    private func firstWarning(atOrAfter position: Int) -> Int {
        var low = 0
        var high = warningPositions.count
        while low < high {
            let mid = (low + high) / 2
            if warningPositions[mid] < position { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
