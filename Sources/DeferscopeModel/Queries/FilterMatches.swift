/// The members of one list that pass one filter, kept by a view from frame to frame and brought
/// up to date from the model's changes: a frame costs the Deferreds that changed since the last
/// one, not every row of the list. Read windows of it with
/// ``DeferscopeModel/window(of:order:matches:offset:count:)``.
///
/// Filters with an `age` clause (which time changes without any event) or a `waits:` clause (which
/// another Deferred's event can change) are evaluated over the whole list again whenever the model
/// changed; so is any filter after more changes than the model's journal keeps (65,536), or when
/// the model is another one (a new connection).
public struct FilterMatches: Sendable {
    /// The list filtered.
    public let list: ChainList
    /// The filter.
    public let filter: DeferredFilter
    /// Whether a change to one Deferred can only change whether that Deferred matches.
    let incremental: Bool
    /// By slot: whether the Deferred there is in the list and passes the filter.
    var matched: [Bool] = []
    /// Members of the list that pass the filter.
    public internal(set) var total = 0
    var lineage: UInt64 = 0
    var mark: UInt64 = 0
    var generation: UInt64 = 0

    /// Nothing matched yet: the first ``update(from:)`` evaluates the filter over the list.
    public init(list: ChainList, filter: DeferredFilter) {
        self.list = list
        self.filter = filter
        self.incremental = filter.clauses.allSatisfy { clause in
            switch clause.atom {
            case .age, .waits: return false
            default: return true
            }
        }
    }

    /// Brings the matches up to date with `model`: O(changes since the last update) when the
    /// filter allows it, else O(rows of the list).
    public mutating func update(from model: DeferscopeModel) {
        model.refresh(&self)
    }
}

extension DeferscopeModel {
    func refresh(_ matches: inout FilterMatches) {
        let known = matches.lineage == changes.lineage
        if known, matches.generation == generation, matches.mark == changes.count { return }
        defer {
            matches.lineage = changes.lineage
            matches.mark = changes.count
            matches.generation = generation
        }
        if matches.matched.count < slots.count {
            matches.matched.append(contentsOf: repeatElement(false, count: slots.count - matches.matched.count))
        }
        let list = matches.list
        var matcher = matches.filter.matcher(for: self)
        if known, matches.incremental {
            let caughtUp = slots.withUnsafeBufferPointer { records in
                changes.forEachChange(since: matches.mark) { slot in
                    let now =
                        records[slot].id != 0 && Self.isMember(records[slot], of: list)
                        && matcher.matches(records[slot])
                    if now != matches.matched[slot] {
                        matches.matched[slot] = now
                        matches.total += now ? 1 : -1
                    }
                }
            }
            if caughtUp { return }
        }
        for slot in matches.matched.indices { matches.matched[slot] = false }
        var total = 0
        forEachMember(of: list, filter: matches.filter) { slot in
            matches.matched[slot] = true
            total += 1
        }
        matches.total = total
    }

    /// The rows `offset ..< offset + count` of `matches` (brought up to date with
    /// ``FilterMatches/update(from:)`` first) sorted by `order`.
    ///
    /// In the list's natural order the index is read from the nearer end, so the first and the
    /// last screens cost O(count) and a screen in the middle O(n/2) checks (no filter runs);
    /// another order is a bounded selection over the matches, O(n log k).
    public func window(
        of list: ChainList,
        order: SortOrder? = nil,
        matches: FilterMatches,
        offset: Int,
        count: Int
    ) -> ChainWindow {
        precondition(matches.list == list, "the matches are of another list")
        let order = order ?? SortOrder.natural(for: list)
        let offset = max(0, offset)
        let count = max(0, min(count, matches.total - offset))
        guard count > 0 else { return ChainWindow(total: matches.total, rows: []) }
        let matched = matches.matched
        func isMatch(_ slot: Int) -> Bool { slot < matched.count && matched[slot] }
        if let index = self.index(of: list), order.column == SortOrder.natural(for: list).column {
            let reversed = list == .pending ? order.ascending : !order.ascending
            // From the nearer end: skip what lies before (or after) the window.
            let fromEnd = matches.total - offset - count < offset
            let skip = fromEnd ? matches.total - offset - count : offset
            var rows: [TrackedDeferred] = []
            rows.reserveCapacity(count)
            var skipped = 0
            index.forEach(from: 0, descending: reversed != fromEnd) { entry in
                guard let slot = slot(of: entry.id), isMatch(slot) else { return true }
                if skipped < skip {
                    skipped += 1
                    return true
                }
                rows.append(slots[slot])
                return rows.count < count
            }
            return ChainWindow(total: matches.total, rows: fromEnd ? rows.reversed() : rows)
        }
        var selection = BoundedSelection(limit: offset + count)
        slots.withUnsafeBufferPointer { records in
            for slot in records.indices where isMatch(slot) && records[slot].id != 0 {
                selection.offer(sortKey(records[slot], order.column, ascending: order.ascending), slot: slot)
            }
        }
        return ChainWindow(total: matches.total, rows: selection.sorted().dropFirst(offset).map { slots[$0] })
    }
}
