import DeferscopeWire

extension DeferscopeModel {
    // MARK: - One Deferred

    /// The Deferred with this id: live, or released and still kept.
    public func deferred(_ id: UInt64) -> TrackedDeferred? {
        slot(of: id).map { slots[$0] }
    }

    /// The label of step `index` of Deferred `id`, when it has one.
    public func stepLabel(of id: UInt64, index: UInt32) -> String? {
        stepLabels[StepKey(id: id, index: index)]
    }

    /// The description of the current result of Deferred `id`, when the app sends values.
    public func valueDescription(of id: UInt64) -> String? {
        valueDescriptions[id]
    }

    /// Deferred `id`'s events still in the event log, newest first (at most
    /// ``ModelConfiguration/timelineLimit``).
    public func timeline(of id: UInt64) -> [TimelineEvent] {
        guard let slot = slot(of: id) else { return [] }
        return eventLog.timeline(from: slots[slot].lastEventLink, id: id, limit: configuration.timelineLimit)
    }

    /// The newest events of all Deferreds, newest first.
    public func recentEvents(offset: Int = 0, limit: Int) -> [TimelineEvent] {
        eventLog.recent(offset: offset, limit: limit)
    }

    /// Events in the event log.
    public var recentEventCount: Int { eventLog.count }

    // MARK: - Definitions

    /// The call site with this id.
    public func site(_ id: UInt32) -> SiteDefinition? {
        Int(id) < sites.count ? sites[Int(id)] : nil
    }

    /// `fileID:line` of the site with this id, or `?` when unknown.
    public func siteName(_ id: UInt32) -> String {
        site(id)?.description ?? "?"
    }

    /// The type name with this id.
    public func typeName(_ id: UInt32) -> String? {
        Int(id) < types.count ? types[Int(id)] : nil
    }

    // MARK: - Sizes and sites

    /// Deferreds in `list`, without a filter: O(1).
    public func count(of list: ChainList) -> Int {
        switch list {
        case .pending: return pendingByAge.count
        case .timeouts: return timeoutsByDeadline.count
        case .failures: return failuresByTime.count
        case .all: return slotByID.count
        }
    }

    /// Per creation site: pending and failure counts, and the oldest pending Deferred's creation
    /// time; sites with pending Deferreds first, most pending first.
    public func sitesByPendingCount() -> [SiteStatistics] {
        siteTable.filter { $0.createdCount > 0 || $0.failureCount > 0 || $0.pendingCount > 0 }.sorted {
            $0.pendingCount != $1.pendingCount ? $0.pendingCount > $1.pendingCount : $0.siteID < $1.siteID
        }
    }

    /// The statistics of one creation site.
    public func siteStatistics(_ siteID: UInt32) -> SiteStatistics? {
        Int(siteID) < siteTable.count && siteID < Self.siteTableLimit ? siteTable[Int(siteID)] : nil
    }

    // MARK: - Windows

    /// The rows `offset ..< offset + count` of `list` sorted by `order` and filtered by `filter`.
    ///
    /// Costs: a list in its natural order (``SortOrder/natural(for:)``, or its reverse) without a
    /// filter: O(count + log n) — the index is read directly. Another order without a filter: the
    /// same once its index is built, which the first such window does (O(n log n)); the model keeps
    /// up to ``ModelConfiguration/columnIndexLimit`` of them, up to date with every change.
    /// ``SortColumn/blockedOn``, and any order with a filter: O(n log k) with k = offset + count (a
    /// bounded selection); with a filter the filter runs on every row of the list (O(n)), since the
    /// total of matching rows is part of the answer.
    public func window(
        of list: ChainList,
        order: SortOrder? = nil,
        filter: DeferredFilter? = nil,
        offset: Int,
        count: Int
    ) -> ChainWindow {
        let order = order ?? SortOrder.natural(for: list)
        let offset = max(0, offset)
        let count = max(0, count)
        if let index = self.index(of: list), order.column == SortOrder.natural(for: list).column {
            // Indexes are in ascending key order; age ascending is creation time descending.
            let reversed = list == .pending ? order.ascending : !order.ascending
            return indexedWindow(index, of: list, reversed: reversed, filter: filter, offset: offset, count: count)
        }
        if filter == nil, Self.hasColumnIndex(list, order.column) {
            return columnWindow(of: list, order: order, offset: offset, count: count)
        }
        return selectedWindow(list, order: order, filter: filter, offset: offset, count: count)
    }

    /// The order index serving `list`'s natural order, if it has one.
    func index(of list: ChainList) -> OrderedIndex<UInt64>? {
        switch list {
        case .pending: return pendingByAge
        case .timeouts: return timeoutsByDeadline
        case .failures: return failuresByTime
        case .all: return nil
        }
    }

    private func indexedWindow(
        _ index: OrderedIndex<UInt64>,
        of list: ChainList,
        reversed: Bool,
        filter: DeferredFilter?,
        offset: Int,
        count: Int
    ) -> ChainWindow {
        let descending = reversed
        guard let filter else {
            let entries = index.window(offset: offset, limit: count, descending: descending)
            return ChainWindow(total: index.count, rows: entries.compactMap { deferred($0.id) })
        }
        // The filter runs over the records in memory order (no lookup per row), marking matches;
        // then the index is read in order until the window is full.
        var matched = [Bool](repeating: false, count: slots.count)
        var total = 0
        forEachMember(of: list, filter: filter) { slot in
            matched[slot] = true
            total += 1
        }
        var rows: [TrackedDeferred] = []
        var skipped = 0
        index.forEach(from: 0, descending: descending) { entry in
            guard rows.count < count else { return false }
            guard let slot = slot(of: entry.id), matched[slot] else { return true }
            if skipped < offset {
                skipped += 1
            } else {
                rows.append(slots[slot])
            }
            return true
        }
        return ChainWindow(total: total, rows: rows)
    }

    private func selectedWindow(
        _ list: ChainList,
        order: SortOrder,
        filter: DeferredFilter?,
        offset: Int,
        count: Int
    ) -> ChainWindow {
        var selection = BoundedSelection(limit: offset + count)
        var total = 0
        forEachMember(of: list, filter: filter) { slot in
            total += 1
            let key = readChain(slot) { sortKey($0, order.column, ascending: order.ascending) }
            selection.offer(key, slot: slot)
        }
        let slotsInOrder = selection.sorted().dropFirst(offset)
        return ChainWindow(total: total, rows: slotsInOrder.map { slots[$0] })
    }

    /// Calls `body` with the slot of every member of `list` that passes `filter`, in memory order.
    func forEachMember(of list: ChainList, filter: DeferredFilter?, _ body: (Int) -> Void) {
        var matcher = filter?.matcher(for: self)
        slots.withUnsafeBufferPointer { records in
            for slot in records.indices where records[slot].id != 0 && Self.isMember(records[slot], of: list) {
                if matcher?.matches(records[slot]) == false { continue }
                body(slot)
            }
        }
    }

    /// Whether `chain` is in `list`: the same rules that keep the indexes.
    static func isMember(_ chain: borrowing TrackedDeferred, of list: ChainList) -> Bool {
        switch list {
        case .all: return true
        case .failures: return chain.status.kind == .failed
        case .pending: return !chain.isReleased && chain.status.isUnsettled
        case .timeouts: return !chain.isReleased && chain.status.isUnsettled && chain.hasTimeout
        }
    }

    /// The key that orders `chain` by `column`, then by id; a descending sort is the exact reverse
    /// of the ascending one (ties included), as reading an index backwards is.
    func sortKey(_ chain: TrackedDeferred, _ column: SortColumn, ascending: Bool) -> RowSortKey {
        var ascending = ascending
        let number: UInt64
        var text: String? = nil
        switch column {
        case .id: number = chain.id
        case .label:
            number = 0
            text = chain.label ?? ""
        case .age:
            // Youngest first is latest creation first.
            number = chain.createdAt
            ascending.toggle()
        case .state: number = UInt64(chain.status.kind.rawValue)
        case .steps: number = UInt64(chain.stepCount)
        case .blockedOn: number = blockedOn(chain.id)?.id ?? 0
        case .timeout: number = chain.timeoutDeadline == 0 ? .max : chain.timeoutDeadline
        case .site:
            number = 0
            text = siteName(chain.siteID)
        case .settledAt: number = chain.settledAt
        }
        return RowSortKey(number: number, text: text, id: chain.id, ascending: ascending)
    }
}

/// A row's sort key: a number or a text, then the id; `ascending` false reverses the whole order.
struct RowSortKey: Comparable {
    var number: UInt64
    var text: String?
    var id: UInt64
    var ascending: Bool

    static func < (lhs: RowSortKey, rhs: RowSortKey) -> Bool {
        let less: Bool
        if lhs.number != rhs.number {
            less = lhs.number < rhs.number
        } else if let left = lhs.text, let right = rhs.text, left != right {
            less = left < right
        } else {
            less = lhs.id < rhs.id
        }
        return lhs.ascending ? less : !less && lhs != rhs
    }

    static func == (lhs: RowSortKey, rhs: RowSortKey) -> Bool {
        lhs.number == rhs.number && lhs.text == rhs.text && lhs.id == rhs.id
    }
}

/// The `limit` smallest keys offered, in order. Up to `insertionLimit` it keeps them sorted as they
/// come (O(n log limit) comparisons, and an insertion only when a key beats the worst kept); above,
/// it keeps everything and sorts once (O(n log n)).
struct BoundedSelection {
    static let insertionLimit = 1_024
    let limit: Int
    private var kept: [(key: RowSortKey, slot: Int)] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func offer(_ key: RowSortKey, slot: Int) {
        guard limit > 0 else { return }
        if limit > Self.insertionLimit {
            kept.append((key, slot))
            return
        }
        if kept.count == limit {
            guard let last = kept.last, key < last.key else { return }
            kept.removeLast()
        }
        var low = 0
        var high = kept.count
        while low < high {
            let mid = (low + high) / 2
            if kept[mid].key < key { low = mid + 1 } else { high = mid }
        }
        kept.insert((key, slot), at: low)
    }

    func sorted() -> [Int] {
        guard limit > Self.insertionLimit else { return kept.map(\.slot) }
        return kept.sorted { $0.key < $1.key }.prefix(limit).map(\.slot)
    }
}
