import Synchronization

/// The sorted lists built on demand: one per (list, column) a view sorts by, other than a list's
/// natural order (which the model always keeps) and ``SortColumn/blockedOn`` (derived from a walk,
/// so it changes without events on the row: see `docs/performance.md`).
///
/// An index is built the first time a window asks for it (O(n log n) over the list), then kept up
/// to date by every change like the natural ones; at most ``ModelConfiguration/columnIndexLimit``
/// exist, the least recently read going first, so memory stays bounded whatever the views ask.
///
/// A reference shared by copies of the model (so that a window, which does not mutate the model,
/// can build one): the model copies it before changing it unless it holds the only reference
/// (copy-on-write, checked once per update), so copies that share it have the same picture.
/// Building and reading take the lock; changes need none, since a uniquely held store cannot be
/// read from elsewhere.
final class ColumnIndexes: @unchecked Sendable {
    /// One list sorted by one column.
    struct Index: Sendable {
        var list: ChainList
        var column: SortColumn
        /// The reading that last used it, for dropping the least recently used.
        var lastUse: UInt64
        /// The entries, for a column with a numeric key.
        var numbers = OrderedIndex<UInt64>()
        /// The entries, for a column with a text key (``SortColumn/label``, ``SortColumn/site``).
        var texts = OrderedIndex<String>()

        var count: Int { column.hasTextKey ? texts.count : numbers.count }
    }

    /// The most indexes kept.
    let limit: Int
    /// The indexes; changed in place by the model while it holds the only reference.
    var indexes: [Index] = []
    private var uses: UInt64 = 0
    private let lock = Mutex(())

    init(limit: Int) {
        self.limit = limit
    }

    /// A copy for a model about to change while another copy shares this one.
    func copy() -> ColumnIndexes {
        lock.withLock { _ in
            let copy = ColumnIndexes(limit: limit)
            copy.indexes = indexes
            copy.uses = uses
            return copy
        }
    }

    /// The ids of ranks `offset ..< offset + count` of `list` by `column` and the list's size, or
    /// nil when that index is not built.
    func window(
        of list: ChainList,
        by column: SortColumn,
        descending: Bool,
        offset: Int,
        count: Int
    ) -> (total: Int, ids: [UInt64])? {
        lock.withLock { _ in
            guard let position = indexes.firstIndex(where: { $0.list == list && $0.column == column }) else {
                return nil
            }
            uses += 1
            indexes[position].lastUse = uses
            return Self.read(indexes[position], descending: descending, offset: offset, count: count)
        }
    }

    /// Keeps a newly built index (unless another reader built it meanwhile), dropping the least
    /// recently read one beyond the limit, and reads the window from it.
    func add(
        _ index: Index,
        descending: Bool,
        offset: Int,
        count: Int
    ) -> (total: Int, ids: [UInt64]) {
        lock.withLock { _ in
            uses += 1
            if let position = indexes.firstIndex(where: { $0.list == index.list && $0.column == index.column }) {
                indexes[position].lastUse = uses
                return Self.read(indexes[position], descending: descending, offset: offset, count: count)
            }
            var index = index
            index.lastUse = uses
            if indexes.count >= limit,
                let oldest = indexes.indices.min(by: { indexes[$0].lastUse < indexes[$1].lastUse })
            {
                indexes.remove(at: oldest)
            }
            if limit > 0 { indexes.append(index) }
            return Self.read(index, descending: descending, offset: offset, count: count)
        }
    }

    private static func read(
        _ index: Index,
        descending: Bool,
        offset: Int,
        count: Int
    ) -> (total: Int, ids: [UInt64]) {
        if index.column.hasTextKey {
            let entries = index.texts.window(offset: offset, limit: count, descending: descending)
            return (index.texts.count, entries.map(\.id))
        }
        let entries = index.numbers.window(offset: offset, limit: count, descending: descending)
        return (index.numbers.count, entries.map(\.id))
    }
}

extension SortColumn {
    /// Whether the column sorts by a text (the label, the site's name) rather than a number.
    var hasTextKey: Bool { self == .label || self == .site }
}
