/// Call-site ids by the site's file string address and line: an open-addressed table with a
/// multiplicative hash, because the agent looks up a site for most events and hashing each key
/// with SipHash (what `Dictionary` does) was a tenth of its time.
struct SiteIDTable {
    private struct Slot {
        var file: UInt = 0
        var line: UInt32 = 0
        /// 0: empty.
        var id: UInt32 = 0
    }

    private var slots: [Slot]
    private var used = 0
    private var mask: Int

    /// An empty table; it allocates on the first insert.
    init() {
        slots = []
        mask = 0
    }

    @inline(__always)
    private func start(_ file: UInt, _ line: UInt32) -> Int {
        let mixed = (UInt64(file) ^ (UInt64(line) &* 0x9E37_79B9)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// The id of the site, or nil when it has none yet.
    @inline(__always)
    func id(file: UInt, line: UInt32) -> UInt32? {
        guard !slots.isEmpty else { return nil }
        var index = start(file, line)
        while true {
            let slot = slots[index]
            if slot.id == 0 { return nil }
            if slot.file == file && slot.line == line { return slot.id }
            index = (index + 1) & mask
        }
    }

    /// Records the site's id (new sites only; `id` is not 0).
    mutating func insert(file: UInt, line: UInt32, id: UInt32) {
        if (used + 1) * 2 > slots.count {
            let old = slots
            slots = Array(repeating: Slot(), count: max(64, old.count * 2))
            mask = slots.count - 1
            used = 0
            for slot in old where slot.id != 0 {
                insert(file: slot.file, line: slot.line, id: slot.id)
            }
        }
        var index = start(file, line)
        while slots[index].id != 0 {
            index = (index + 1) & mask
        }
        slots[index] = Slot(file: file, line: line, id: id)
        used += 1
    }
}
