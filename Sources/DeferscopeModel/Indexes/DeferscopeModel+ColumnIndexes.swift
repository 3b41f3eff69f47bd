extension DeferscopeModel {
    // MARK: - Reading

    /// Whether a window of `list` by `column` can be served by an index built on demand: every
    /// column but ``SortColumn/blockedOn``, the leaf of a walk that changes without events on the row.
    static func hasColumnIndex(_ list: ChainList, _ column: SortColumn) -> Bool {
        column != .blockedOn
    }

    /// A window read from the (list, column) index, built first when it is not there yet.
    func columnWindow(of list: ChainList, order: SortOrder, offset: Int, count: Int) -> ChainWindow {
        // Indexes are in ascending key order; age ascending is creation time descending.
        let descending = order.column == .age ? order.ascending : !order.ascending
        let found =
            columnIndexes.window(of: list, by: order.column, descending: descending, offset: offset, count: count)
            ?? columnIndexes.add(
                buildColumnIndex(list, order.column),
                descending: descending,
                offset: offset,
                count: count
            )
        return ChainWindow(total: found.total, rows: found.ids.compactMap { deferred($0) })
    }

    /// `list` sorted by `column`, from the records: O(n log n).
    func buildColumnIndex(_ list: ChainList, _ column: SortColumn) -> ColumnIndexes.Index {
        var index = ColumnIndexes.Index(list: list, column: column, lastUse: 0)
        if column.hasTextKey {
            var entries: [OrderedIndex<String>.Entry] = []
            var siteNames: [UInt32: String] = [:]
            forEachMember(of: list, filter: nil) { slot in
                let text = readChain(slot) { chain in
                    column == .label
                        ? chain.label ?? ""
                        : siteNames[chain.siteID]
                            ?? { () -> String in
                                let name = siteName(chain.siteID)
                                siteNames[chain.siteID] = name
                                return name
                            }()
                }
                entries.append(OrderedIndex<String>.Entry(key: text, id: slots[slot].id))
            }
            entries.sort()
            index.texts = OrderedIndex(sorted: entries)
        } else {
            var entries: [OrderedIndex<UInt64>.Entry] = []
            forEachMember(of: list, filter: nil) { slot in
                let entry = readChain(slot) { chain in
                    let facts = membership(slot)
                    return OrderedIndex<UInt64>.Entry(
                        key: Self.columnNumber(column, chain, facts, settledAt: chain.settledAt),
                        id: chain.id
                    )
                }
                entries.append(entry)
            }
            entries.sort()
            index.numbers = OrderedIndex(sorted: entries)
        }
        return index
    }

    // MARK: - Keys

    /// The numeric key of `chain` by `column`, with the changing facts taken from `facts` and
    /// `settledAt` (so that the key before a change can be computed after it).
    static func columnNumber(
        _ column: SortColumn,
        _ chain: borrowing TrackedDeferred,
        _ facts: Membership,
        settledAt: UInt64
    ) -> UInt64 {
        switch column {
        case .id: return chain.id
        case .age: return chain.createdAt
        case .state: return UInt64(facts.status.rawValue)
        case .steps: return UInt64(facts.stepCount)
        case .timeout: return facts.timeoutDeadline == 0 ? .max : facts.timeoutDeadline
        case .settledAt: return settledAt
        case .label, .site, .blockedOn: return 0
        }
    }

    /// The text key of `chain` by `column` (the label, or the site's name).
    func columnText(_ column: SortColumn, _ chain: borrowing TrackedDeferred) -> String {
        column == .label ? chain.label ?? "" : siteName(chain.siteID)
    }

    // MARK: - Changes

    /// Brings the indexes built on demand up to date after a change of the Deferred in `slot` from
    /// `before` (with `settledAt` then) to `after`. Label, site and creation time do not change
    /// through events; a snapshot record that changes them takes the row out first.
    mutating func reindexColumns(_ slot: Int, from before: Membership, settledAt: UInt64, to after: Membership) {
        // `prepareColumnIndexes()` made the store unique at the start of this change; the indexes
        // are moved out while they change (one exclusivity check instead of one per access).
        var indexes = columnIndexes.indexes
        columnIndexes.indexes = []
        defer { columnIndexes.indexes = indexes }
        let id = slots[slot].id
        let settledAfter = slots[slot].settledAt
        for position in indexes.indices {
            let list = indexes[position].list
            let column = indexes[position].column
            let wasIn = before.isIn(list)
            let isIn = after.isIn(list)
            guard wasIn || isIn else { continue }
            if column.hasTextKey {
                guard wasIn != isIn else { continue }
                let text = readChain(slot) { columnText(column, $0) }
                if isIn {
                    indexes[position].texts.insert(key: text, id: id)
                } else {
                    indexes[position].texts.remove(key: text, id: id)
                }
            } else {
                let (old, new) = readChain(slot) { chain in
                    (
                        Self.columnNumber(column, chain, before, settledAt: settledAt),
                        Self.columnNumber(column, chain, after, settledAt: settledAfter)
                    )
                }
                if wasIn, isIn, old == new { continue }
                if wasIn { indexes[position].numbers.remove(key: old, id: id) }
                if isIn { indexes[position].numbers.insert(key: new, id: id) }
            }
        }
    }

    /// Makes the store of indexes built on demand this model's own (copies that shared it keep
    /// theirs) and notes whether it holds any: at the start of every change, so that the check
    /// per event costs a stored Bool, not a uniqueness check.
    mutating func prepareColumnIndexes() {
        if !isKnownUniquelyReferenced(&columnIndexes) { columnIndexes = columnIndexes.copy() }
        columnIndexesInUse = !columnIndexes.indexes.isEmpty
    }

    /// Takes the Deferred in `slot` out of the indexes built on demand, by its record as it is now:
    /// before a snapshot record replaces facts the events never change (label, site, creation time).
    mutating func removeFromColumnIndexes(_ slot: Int) {
        guard columnIndexesInUse else { return }
        reindexColumns(slot, from: membership(slot), settledAt: slots[slot].settledAt, to: .absent)
    }

    /// Drops the indexes by `column` (they are built again when next asked for): a site's name
    /// changed, which re-keys every row of that site.
    mutating func dropColumnIndexes(by column: SortColumn) {
        prepareColumnIndexes()
        guard columnIndexesInUse else { return }
        columnIndexes.indexes.removeAll { $0.column == column }
        columnIndexesInUse = !columnIndexes.indexes.isEmpty
    }
}
